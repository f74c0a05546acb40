"""`jixiao demo` on a machine with Python and nothing else: no LibreOffice, no Chinese font.
It writes everything but the PDF, says in Chinese what it skipped and the command to install
it, and exits 0; `jixiao render --pdf` there still refuses with the same message (exit 2).
The real fresh machine (a clean HOME, fonts and soffice hidden) is .ci/run's first job."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from jixiao.cli import main
from jixiao.render import pdf as pdf_module
from jixiao import soffice as runner

INSTALL = "apt-get install libreoffice-writer-nogui fonts-noto-cjk"


@pytest.fixture
def no_soffice(monkeypatch):
    monkeypatch.setattr(runner, "soffice_binary", lambda: None)
    monkeypatch.setattr(pdf_module, "soffice_binary", lambda: None)


def test_demo_without_libreoffice_writes_the_rest_and_says_what_it_skipped(no_soffice, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "自评报告.pdf").write_bytes(b"%PDF old run")  # would not match the new report
    assert main(["demo", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert {p.name for p in out.iterdir()} == {"scores.json", "audit.txt", "audit.json", "自评表.xlsx", "自评报告.docx"}
    assert f"已跳过 {out / '自评报告.pdf'}：未找到 LibreOffice（soffice），无法生成 PDF；请安装：sudo {INSTALL}" in printed
    assert "其余结果均已写入；安装后重新运行即可生成 PDF。" in printed


def test_demo_with_libreoffice_but_no_chinese_font_skips_the_pdf_too(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(pdf_module, "soffice_binary", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf_module, "chinese_font_missing", lambda: True)
    assert main(["demo", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert not (tmp_path / "自评报告.pdf").exists() and (tmp_path / "自评报告.docx").exists()
    assert f"未找到中文字体，LibreOffice 生成的 PDF 中文会显示为方框；请安装：sudo {INSTALL}" in printed


def test_render_pdf_without_libreoffice_still_refuses(no_soffice, tmp_path, capsys):
    from jixiao import api

    example = str(api.example_paths()[0])
    assert main(["render", example, "--pdf", str(tmp_path / "r.pdf")]) == 2
    assert f"请安装：sudo {INSTALL}" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig (fc-list) not installed")
def test_an_empty_fontconfig_has_no_chinese_font(monkeypatch, tmp_path):
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n')
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert pdf_module.chinese_font_missing()


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig (fc-list) not installed")
def test_a_font_is_found_as_soon_as_it_is_there(monkeypatch, tmp_path):
    """Installing a font after a first run needs no cache to be deleted: fontconfig is asked anew."""
    listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout.split(":")[0]
    if not listed.strip():
        pytest.skip("no Chinese font on this machine (fonts-noto-cjk)")
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{fonts}</dir>'
                      f'<cachedir>{tmp_path / "cache"}</cachedir></fontconfig>\n')
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    assert pdf_module.chinese_font_missing()  # first run: the cache now records an empty folder
    (fonts / "cjk.ttc").symlink_to(listed.strip())  # the font is installed
    assert not pdf_module.chinese_font_missing()
