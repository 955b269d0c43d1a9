"""A model's harness version lists every version its files used, and the "different harness
versions" warning says the same: mGPT-13B's files of hitz-zentroa/latxa were made with git 59642ab,
git e57707a and one gives none; its settings said only its first file's version (or the warning
said "unknown" while the settings named one). Real files, see
tests/fixtures/real-results/SOURCES-fourth-pass.md."""

from __future__ import annotations

from benchboard.importers.common import Run
from benchboard.importers.merging import model_versions

from .test_mteb_evaluation_split import REAL, imported

LATXA = REAL / "lmeval_latxa"
E5_BASE = REAL / "mteb_old_layout/results/multilingual-e5-base"
MGPT = "mGPT-13B"
EVERY = "git 59642ab, git e57707a, unknown in 1 file"


def test_every_version_a_models_files_used_is_in_its_settings_and_the_warning():
    for first in ("mGPT-13B_qnlieu_5-shot.json", "mGPT-13B_belebele_eus_Latn_5-shot.json"):  # no version first, then one
        rest = sorted(p for p in LATXA.glob("*.json") if p.name != first)
        document, _ = imported(LATXA / first, *rest)
        settings = document["source"]["models"]
        assert settings[MGPT]["harness_version"] == EVERY
        warning = next(w for w in document["source"]["warnings"] if w.startswith("Runs used different harness versions"))
        for model, own in settings.items():  # the warning names each model's versions as its settings do
            assert f"{model}: {own['harness_version']}" in warning
        assert "unknown;" not in warning and not warning.count("unknown)")


def test_one_models_files_of_two_versions_are_a_warning_and_its_settings_say_both():
    document, _ = imported(E5_BASE / "MassiveIntentClassification.json", E5_BASE / "STS22.json")
    assert document["source"]["models"]["multilingual-e5-base"]["harness_version"] == "1.0.3.dev0, 1.1.0"
    assert any("multilingual-e5-base: 1.0.3.dev0, 1.1.0" in w for w in document["source"]["warnings"])


def test_a_setting_repeated_by_a_models_files_is_listed_once():
    document, _ = imported(*(LATXA / f"mGPT-13B_{t}_5-shot.json" for t in ("qnlieu", "belebele_eus_Latn", "eus_reading")))
    assert document["source"]["models"][MGPT]["batch_size"] == "auto; 1"


def test_a_model_without_any_version_is_unknown():
    runs = [Run("a.json", "h", None, "m"), Run("b.json", "h", None, "m")]
    assert model_versions(runs, False) == "unknown"
    runs.append(Run("c.json", "h", "0.4.2", "m"))
    assert model_versions(runs, False) == "0.4.2, unknown in 2 files"
    assert model_versions(runs, True) == "h 0.4.2, h unknown in 2 files"
