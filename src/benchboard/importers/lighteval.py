"""lighteval results JSON: ``results`` keyed "suite|task|fewshot" plus an "all" row.

The "all" row (the mean over the file's tasks) is skipped unless it is the only row. The task
key is the middle part ("gsm8k"); ``--tasks``/``--metric``/``--rename`` accept it or the whole
key ("lighteval|gsm8k|0").
"""

from __future__ import annotations

from benchboard.importers.common import (
    LOWER_IS_BETTER,
    Options,
    Run,
    TaskScore,
    item_count,
    metric_for,
    number,
    plain,
    short_model_name,
    stderr_value,
)

HARNESS = "lighteval"
PREFERENCE = (
    "em", "quasi_exact_match", "exact_match", "acc_norm", "acc", "pass@1", "maj@8", "f1",
    "mc2", "mc1", "prompt_level_strict_acc", "bleu",
)


def looks_like(data: dict) -> bool:
    results = data.get("results")
    return isinstance(results, dict) and isinstance(data.get("config_general"), dict) and any(
        "|" in k for k in results
    ) or (isinstance(results, dict) and list(results) == ["all"] and isinstance(data.get("config_general"), dict))


def read(data: dict, path: str, options: Options) -> Run:
    general = data.get("config_general") or {}
    tasks_config = data.get("config_tasks") or {}
    model_config = general.get("model_config") if isinstance(general.get("model_config"), dict) else {}
    name = general.get("model_name") or model_config.get("model_name") or model_config.get("pretrained") or "model"
    sha = general.get("lighteval_sha")
    run = Run(path, HARNESS, f"sha {str(sha)[:7]}" if sha else None, short_model_name(name, options.keep_org))
    results = {k: v for k, v in data["results"].items() if isinstance(v, dict)}
    keys = [k for k in results if k != "all"] or [k for k in results if k == "all"]
    shots: set[str] = set()
    for key in keys:
        parts = key.split("|")
        task = parts[1] if len(parts) >= 2 else key
        if options.tasks and not (options.wanted(key) or options.wanted(task)):
            continue
        row = results[key]
        available = [m for m, v in row.items() if not m.endswith("_stderr") and number(v) is not None]
        metric = metric_for(task, available, options, PREFERENCE, path)
        if not metric:
            continue
        config_key = "|".join(parts[:2]) if tasks_config.get("|".join(parts[:2])) else key
        config = tasks_config.get(config_key) or {}
        metric_configs = config.get("metric") or config.get("metrics") or []
        direction = next(
            (m.get("higher_is_better") for m in metric_configs
             if isinstance(m, dict) and m.get("metric_name") == metric and isinstance(m.get("higher_is_better"), bool)),
            None,
        )
        if direction is None:
            direction = metric not in LOWER_IS_BETTER
        effective = item_count(config.get("effective_num_docs"), f'{path}: config_tasks."{config_key}".effective_num_docs', options)
        original = config.get("original_num_docs")
        if effective is None or isinstance(original, bool) or not isinstance(original, int) or original < 1:
            original = None
        fewshot = parts[2] if len(parts) >= 3 else None
        if fewshot:
            shots.add(fewshot)
        run.scores.append(TaskScore(
            task=task,
            name=task,
            metric=metric,
            value=number(row[metric]),
            stderr=stderr_value(row.get(f"{metric}_stderr"), f'{path}: results."{key}".{metric}_stderr'),
            n=effective,
            higher_is_better=bool(direction),
            fewshot=fewshot,
            items_total=original if original is not None and original != effective else None,
        ))
    generation = general.get("generation_parameters") or model_config.get("generation_parameters")
    if isinstance(generation, dict):
        generation = {k: v for k, v in generation.items() if v is not None}
    settings = {
        "num_fewshot": ", ".join(sorted(shots, key=lambda s: (len(s), s))),
        "gen_kwargs": plain(generation) if generation else "",
        "max_samples": plain(general.get("max_samples")) if general.get("max_samples") is not None else "",
        "model_sha": str(general.get("model_sha") or ""),
        "model_dtype": plain(general.get("model_dtype")) if general.get("model_dtype") else "",
    }
    run.settings = {k: v for k, v in settings.items() if v}
    return run
