"""Layouts are data (src/jixiao/ingest/layouts/*.yaml): each names a real form it was read
off, and that form, in every format, is recognised as that layout by its own evidence; a
layout named by the user wins; an unknown name is refused naming the ones there are."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jixiao import api
from jixiao.findings import InputError

ROOT = Path(__file__).resolve().parents[2]
PROVINCIAL = [layout for layout in api.layouts() if layout.name != "national"]


def test_the_national_base_comes_first_and_every_family_has_a_layout():
    names = [layout.name for layout in api.layouts()]
    assert names[0] == "national"
    assert sorted(names[1:]) == ["anhui", "hubei-old", "ningxia", "shanghai", "sichuan"]


@pytest.mark.parametrize("layout", api.layouts(), ids=lambda layout: layout.name)
def test_each_layout_names_a_real_form_that_exists(layout):
    assert layout.example, layout.name
    example = ROOT / layout.example
    assert example.exists(), layout.example
    assert (example.parent / (example.stem + ".form.yaml")).exists()


@pytest.mark.parametrize("kind", ["xlsx", "docx", "pdf"])
@pytest.mark.parametrize("layout", PROVINCIAL, ids=lambda layout: layout.name)
def test_each_provinces_form_is_recognised_by_its_own_evidence(layout, kind):
    document = (ROOT / layout.example).with_suffix(f".{kind}")
    if not document.exists():
        pytest.skip(f"{document.name} not built")
    (table,) = [d for d in api.read(document).documents if d.evaluation is not None]
    assert table.layout.startswith(f"{layout.title}（{layout.name}）：依据：")


def test_the_layout_the_user_names_wins_over_the_evidence():
    document = ROOT / "tests/forms/sichuan/qingshen-fgj-gongzixing-2023.xlsx"
    (table,) = [d for d in api.read(document, layout="national").documents if d.evaluation is not None]
    national = api.layouts()[0]
    assert table.layout == f"{national.title}（national）：按 --layout 指定"


def test_an_unknown_layout_is_refused_naming_those_there_are():
    document = ROOT / "tests/forms/sichuan/qingshen-fgj-gongzixing-2023.xlsx"
    with pytest.raises(InputError) as raised:
        api.read(document, layout="guangdong")
    (finding,) = raised.value.findings
    assert finding.code == "unknown-layout"
    assert "guangdong" in finding.message and "sichuan" in finding.message


def test_explain_layout_prints_the_evidence():
    document = ROOT / "tests/forms/ningxia/yinchuan-6zhong-gongyong-2021.xlsx"
    run = subprocess.run([sys.executable, "-m", "jixiao", "audit", "--explain-layout", str(document)],
                         capture_output=True, text=True)
    assert "（ningxia）：依据：“本级部门项目支出绩效自评表”" in run.stdout
