"""A local model path whose last part is only a size (".../LLaMA/lm/huggingface/30B") named the
model "30B": no model's name. The nearest folder above that names something (not a storage word,
not a user's home folder) is kept with it: "LLaMA 30B", and still no private folder is published."""

from __future__ import annotations

import pytest

from benchboard.importers.common import last_part, public_text, short_model_name
from helpers import REPO, cli


@pytest.mark.parametrize("path, name", [
    ("/gaueko1/hizkuntza-ereduak/LLaMA/lm/huggingface/30B", "LLaMA 30B"),
    ("/models/llama-2/7B", "llama-2 7B"),
    ("/home/alice/opt/1.3b", "opt 1.3b"),
    ("/home/alice/7b", "7b"),  # never the user's name
    ("/Users/bob/hf/13B", "13B"),
    ("/data/weights/560m", "560m"),
    ("/runs/llama-ft/checkpoint-500", "llama-ft checkpoint-500"),  # the generic-part rule is unchanged
    ("/models/llama-8b/", "llama-8b"),
])
def test_a_size_alone_is_named_by_the_folder_above_it(path, name):
    assert last_part(path) == name
    assert short_model_name(path, keep_org=False) == name


def test_the_real_lm_eval_03_llama_file_names_its_model(tmp_path):
    source = REPO / "tests/fixtures/real-results/lmeval_v03/llama-30B_common_sense_reasoning_0-shot.json"
    result = cli("import", source, "-o", tmp_path / "r.yaml")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "r.yaml").read_text()
    assert "- name: LLaMA 30B\n" in text and "model_args: pretrained=LLaMA 30B,use_accelerate=True" in text
    for private in ("gaueko1", "hizkuntza", "huggingface/"):
        assert private not in text
    assert public_text("pretrained=/home/alice/7B") == "pretrained=7B"
