"""`jixiao demo [--out DIR]`: the main job on the bundled example — score the eleven tables
transcribed from the seed report, audit the seed text itself, and write the documents."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console

from .. import api
from ..findings import InputError
from ._commands import command

SEED_TEXT = api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt"
# What only the PDF needs: the demo goes on without it.
PDF_NEEDS = {"soffice-missing", "font-missing"}


@command("demo")
def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="在内置示例（武汉东湖综保办2019年度自评材料）上运行评分、审核与成文")
    parser.add_argument("--out", default="out", help="输出目录（默认 out/）")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    console = Console(width=200)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    results = [api.score(api.load_evaluation(path)) for path in api.example_paths()]
    console.rule("一、重算内置示例的十一张自评表")
    api.print_results(results, console)
    (out / "scores.json").write_text(
        json.dumps(api.results_to_dict(results), ensure_ascii=False, indent=2), encoding="utf-8"
    )
    differing = [r for r in results if r.evaluation.reported_total not in (None, r.total)]
    console.print(
        f"共 {len(results)} 张表，其中 {len(differing)} 张的自评总分与重算结果不一致。"
        f"JSON 结果已写入 {out / 'scores.json'}"
    )

    console.rule("二、审核内置的原始报告文本（从 PDF 提取）")
    report = api.audit([SEED_TEXT])
    audit_text = api.audit_text(report)
    console.print(audit_text, markup=False, highlight=False)
    (out / "audit.txt").write_text(audit_text, encoding="utf-8")
    (out / "audit.json").write_text(api.audit_json(report) + "\n", encoding="utf-8")
    console.print(f"审核结果已写入 {out / 'audit.txt'} 与 {out / 'audit.json'}")

    console.rule("三、生成自评表与自评报告")
    workbook, report, pdf = out / "自评表.xlsx", out / "自评报告.docx", out / "自评报告.pdf"
    api.write_xlsx(results, workbook)
    api.write_docx(results, report, api.review_findings(results))
    for path in (workbook, report):
        console.print(f"已写入 {path}")
    try:
        api.write_pdf(results, pdf, docx=report)
    except InputError as error:
        # The one step that needs more than Python: without LibreOffice (or a Chinese font for it)
        # the demo says what it skipped and how to get it, and the rest stands.
        if any(finding.code not in PDF_NEEDS for finding in error.findings):
            raise
        pdf.unlink(missing_ok=True)  # an old PDF would not match the documents just written
        for finding in error.findings:
            console.print(f"已跳过 {pdf}：{finding.message}", markup=False, highlight=False, soft_wrap=True)
        console.print("其余结果均已写入；安装后重新运行即可生成 PDF。")
        return 0
    console.print(f"已写入 {pdf}")
    return 0
