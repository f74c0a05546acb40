"""YAML load throughput (files/s, indicators/s), where the time goes, and the measured effect
of composing with libyaml's C parser instead of PyYAML's pure-Python one."""

from __future__ import annotations

import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import yaml

from jixiao.ingest.yaml_loader import _has_alias

from .measure import Report, best_time
from .synth import generate
from .synth.write import write_yaml

SECTION = "loading"


class _CComposer(yaml.CBaseLoader):  # type: ignore[misc,valid-type]
    """libyaml's parser and composer; every scalar a string, as with BaseLoader."""


def c_compose(original):
    """A drop-in for yaml_loader._compose using libyaml; falls back to the original (and its
    Chinese error messages) for anything unusual: errors, aliases, empty files."""

    def compose(text: str, filename: str):
        try:
            node = yaml.compose(text, Loader=_CComposer)
        except (yaml.YAMLError, RecursionError):
            node = None
        if node is None or _has_alias(node):
            return original(text, filename)
        return node

    return compose


@contextmanager
def patched(module, name: str, value):
    saved = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, saved)


def _loader():
    try:
        from jixiao.ingest import yaml_loader
    except ImportError:
        return None
    return yaml_loader


def run(report: Report, quick: bool) -> None:
    report.section("YAML load throughput (one core)")
    loader = _loader()
    if loader is None:
        report.skip(SECTION, "jixiao.ingest.yaml_loader 尚不存在")
        return
    count = 100 if quick else 2000
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-yaml-"))
    packages = list(generate(count))
    paths = write_yaml(packages, folder)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    indicators = sum(len(p.evaluation.indicators) for p in packages)
    repeat = 1 if not quick else 2

    def load_all() -> None:
        for path in paths:
            loader.load_text(path.read_text(encoding="utf-8"), str(path))

    seconds = best_time(load_all, repeat)
    report.add(SECTION, "yaml load", count / seconds, "files/s", f"{indicators / seconds:.0f} indicators/s；{count}个文件")

    # One pass, stage by stage, to see where a load spends its time.
    stages = {"compose": 0.0, "plain": 0.0, "convert": 0.0, "schema": 0.0}
    for text in texts:
        t0 = time.perf_counter()
        node = loader._compose(text, "x")
        t1 = time.perf_counter()
        data, lines = loader._plain(node, "x")
        t2 = time.perf_counter()
        reader = loader._Reader("x", lines)
        reader.evaluation(data)
        t3 = time.perf_counter()
        reader.check_schema(data)
        t4 = time.perf_counter()
        for stage, spent in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            stages[stage] += spent
    whole = sum(stages.values())
    report.add(
        SECTION,
        "yaml load stages",
        "，".join(f"{name} {spent / whole:.0%}" for name, spent in stages.items()),
        "",
        "compose=YAML组装，plain=转为dict，convert=建模型（含数值与评分细则解析），schema=jsonschema校验",
    )

    reference = [loader.load_text(p.read_text(encoding="utf-8"), str(p)) for p in paths[:50]]
    with patched(loader, "_compose", c_compose(loader._compose)):
        fast = best_time(load_all, repeat)
        same = [loader.load_text(p.read_text(encoding="utf-8"), str(p)) for p in paths[:50]] == reference
    # The schema check repeats what the converter already verified on a readable file; how much
    # would running it only when the converter found an error save?
    original_check = loader._Reader.check_schema

    def check_on_error(self, data):
        if self.errors:
            original_check(self, data)

    with patched(loader._Reader, "check_schema", check_on_error):
        lean = best_time(load_all, repeat)
        lean_same = [loader.load_text(p.read_text(encoding="utf-8"), str(p)) for p in paths[:50]] == reference
    report.add(
        SECTION,
        "yaml load, schema only on error",
        count / lean,
        "files/s",
        f"{seconds / lean:.1f}×（_Reader.check_schema 仅在转换已发现错误时运行）；结果一致：{lean_same}",
    )
    report.add(
        SECTION,
        "yaml load with libyaml compose",
        count / fast,
        "files/s",
        f"{seconds / fast:.1f}× 提速（猴子补丁 yaml_loader._compose 为 yaml.CBaseLoader）；结果一致：{same}",
    )
