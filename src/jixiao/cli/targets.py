"""`jixiao targets check|start|convert|template`: the target declaration (绩效目标申报表).

  check FILE... [--history PATH...] [--format text|json]   review grade 优/良/中/差, findings, sources
  start DECL -o OUT.yaml|OUT.xlsx                          a self-evaluation started from the declaration
  convert FILE -o OUT.yaml|OUT.xlsx                        a declaration as YAML or as the .xlsx form
  template OUT.xlsx [--year N]                             a blank declaration form

Exit codes for check: 0 when every declaration is graded 优 or 良, 1 when one is 中 or 差, 2 input
that cannot be read."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import api
from ..declaration import Declaration, DeclaredIndicator
from ..findings import Finding, InputError
from ..model import Location, Value
from ._commands import command
from ._plans_text import counts, finding_lines


@command("targets")
def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("targets", help="绩效目标申报表：目标审核、转换、由申报表开始自评")
    actions = parser.add_subparsers(dest="action", metavar="操作")
    actions.required = True
    check = actions.add_parser("check", help="审核申报的绩效目标，给出审核等级（优/良/中/差）与问题清单")
    check.add_argument("files", nargs="+", metavar="FILE", help="申报表（.xlsx 或 YAML），可附同年自评表以核对目标是否被改动")
    check.add_argument("--history", action="append", default=[], metavar="PATH",
                       help="历年自评表所在的文件或目录，用于比较历年目标与实际（可重复）")
    check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    check.set_defaults(handler=run_check)
    start = actions.add_parser("start", help="由批复的申报表生成自评表（目标与分值沿用，实际值待填）")
    start.add_argument("file", metavar="DECL", help="申报表（.xlsx 或 YAML）")
    start.add_argument("-o", "--output", required=True, metavar="OUT", help="输出的自评表：.yaml 或 .xlsx")
    start.set_defaults(handler=run_start)
    convert = actions.add_parser("convert", help="申报表在 YAML 与 .xlsx 之间转换")
    convert.add_argument("file", metavar="FILE", help="申报表（.xlsx 或 YAML）")
    convert.add_argument("-o", "--output", required=True, metavar="OUT", help="输出文件：.yaml 或 .xlsx")
    convert.set_defaults(handler=run_convert)
    template = actions.add_parser("template", help="写出空白的绩效目标申报表（.xlsx）")
    template.add_argument("output", metavar="OUT.xlsx")
    template.add_argument("--year", type=int, help="年度")
    template.set_defaults(handler=run_template)


def _declarations(path: str) -> list[Declaration]:
    documents, _ = api.read_documents([path])
    found = [d.declaration for d in documents if d.declaration is not None]
    if not found:
        raise InputError(Finding("form-not-found", f"“{path}”中没有绩效目标申报表", Location(file=path)))
    return found


def _suffix(output: str, allowed: tuple[str, ...]) -> str:
    suffix = Path(output).suffix.lower()
    if suffix not in allowed:
        raise InputError(Finding("bad-output", f"输出文件须为 {' 或 '.join(allowed)}：{output}", Location(file=output)))
    return suffix


def run_check(args: argparse.Namespace) -> int:
    reviews = api.review_targets(args.files, history=args.history)
    if args.format == "json":
        sys.stdout.write(json.dumps({"reviews": [r.as_dict() for r in reviews]}, ensure_ascii=False, indent=2) + "\n")
    else:
        out = []
        for review in reviews:
            declaration = review.declaration
            out.append(f"== 绩效目标审核：{declaration.project}（{declaration.year or '未注明'}年度，{review.document.source}）")
            out.append(f"   审核等级：{review.grade.grade}")
            out += [f"   {reason}" for reason in review.grade.reasons]
            out.append(f"   {review.grade.consequence}")
            out += finding_lines(review.findings, api.cite)
            out.append(f"   共 {len(declaration.indicators)} 个指标，{counts(review.findings)}。")
            out.append("")
        sys.stdout.write("\n".join(out))
    return 1 if any(r.grade.grade in ("中", "差") for r in reviews) else 0


def run_start(args: argparse.Namespace) -> int:
    suffix = _suffix(args.output, (".yaml", ".yml", ".xlsx"))
    declarations = _declarations(args.file)
    evaluations = [api.evaluation_from_declaration(d) for d in declarations]
    if suffix == ".xlsx":
        api.write_xlsx([api.score(e) for e in evaluations], args.output)
    else:
        if len(evaluations) != 1:
            raise InputError(Finding("bad-output", "申报表中有多个项目，请输出为 .xlsx（每个项目一张工作表）"))
        Path(args.output).write_text(api.yaml_text(evaluations[0]), encoding="utf-8")
    print(f"已由申报表生成自评表：{args.output}（目标与分值沿用批复数，实际完成值待填写；"
          "此后与申报表不一致之处，审核时逐项列出）", file=sys.stderr)
    return 0


def run_convert(args: argparse.Namespace) -> int:
    suffix = _suffix(args.output, (".yaml", ".yml", ".xlsx"))
    declarations = _declarations(args.file)
    if suffix == ".xlsx":
        if len(declarations) != 1:
            raise InputError(Finding("bad-output", "文件中有多张申报表，请逐张转换"))
        api.write_declaration_xlsx(declarations[0], args.output)
    else:
        if len(declarations) != 1:
            raise InputError(Finding("bad-output", "文件中有多张申报表，YAML 每个文件只能写一张"))
        Path(args.output).write_text(api.declaration_yaml(declarations[0]), encoding="utf-8")
    print(f"已写入 {args.output}", file=sys.stderr)
    return 0


SKELETON = (("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "时效指标"), ("产出指标", "成本指标"),
            ("效益指标", "社会效益指标"), ("效益指标", "可持续影响指标"), ("满意度指标", "服务对象满意度指标"))


def run_template(args: argparse.Namespace) -> int:
    _suffix(args.output, (".xlsx",))
    blank = Declaration(project="", year=args.year, indicators=tuple(
        DeclaredIndicator(level1, level2, "", Value("")) for level1, level2 in SKELETON))
    api.write_declaration_xlsx(blank, args.output)
    print(f"已写入空白申报表：{args.output}", file=sys.stderr)
    return 0
