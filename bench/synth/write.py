"""Write generated packages to a folder: YAML files, extracted-text packages, .xlsx workbooks,
and `planted.json`, the answer key of planted errors.

    python -m bench.synth.write --count 1000 --out /tmp/synth --formats yaml,text
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from . import DEFAULT_SEED, Package, generate
from .text_writer import package_text
from .yaml_writer import to_yaml


def yaml_name(package: Package) -> str:
    return f"{package.project.index + 1:06d}.yaml"


def write_yaml(packages: Iterable[Package], folder: Path, with_rule_text: bool = True) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for package in packages:
        path = folder / yaml_name(package)
        stated = with_rule_text and package.project.stated
        path.write_text(to_yaml(package.evaluation, with_rule_text=stated), encoding="utf-8")
        paths.append(path)
    return paths


def write_text(packages: Iterable[Package], folder: Path) -> list[Path]:
    """One text package per unit, holding all of that unit's projects."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, (unit, group) in enumerate(itertools.groupby(packages, key=lambda p: p.evaluation.unit)):
        evaluations = [p.evaluation for p in group]
        path = folder / f"unit-{number + 1:05d}.txt"
        path.write_text(package_text(unit, evaluations[0].year, evaluations), encoding="utf-8")
        paths.append(path)
    return paths


def write_xlsx(packages: Iterable[Package], folder: Path) -> list[Path]:
    """One 自评表 workbook per project, by jixiao's own writer. Its score cells are live
    formulas over the recomputed values, so these files carry no planted errors: they are for
    timing readers and the audit of well-formed workbooks."""
    from jixiao.api import score
    from jixiao.render.xlsx_book import write_xlsx as write_book

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for package in packages:
        path = folder / f"{package.project.index + 1:06d}.xlsx"
        write_book([score(package.evaluation)], path)
        paths.append(path)
    return paths


def write_key(packages: Iterable[Package], path: Path) -> None:
    key = [
        {"file": yaml_name(p), "project": p.name, "total": str(p.total), "planted": [asdict(x) for x in p.planted]}
        for p in packages
    ]
    path.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="写出合成的自评表（含已知的预置错误）")
    parser.add_argument("--count", type=int, default=100, help="项目数")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--formats", default="yaml,text", help="yaml,text,xlsx")
    args = parser.parse_args(argv)
    packages = list(generate(args.count, args.seed))
    formats = set(args.formats.split(","))
    args.out.mkdir(parents=True, exist_ok=True)
    if "yaml" in formats:
        write_yaml(packages, args.out / "yaml")
    if "text" in formats:
        write_text(packages, args.out / "text")
    if "xlsx" in formats:
        write_xlsx(packages, args.out / "xlsx")
    write_key(packages, args.out / "planted.json")
    print(f"已写出{len(packages)}个项目到 {args.out}")


if __name__ == "__main__":
    main()
