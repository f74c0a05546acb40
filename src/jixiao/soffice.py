"""LibreOffice headless, the one way jixiao runs it: to print the report as PDF (render) and
to open the legacy formats .xls/.doc/.et/.wps (ingest).

Each run gets its own throw-away user profile: two conversions sharing a profile block each
other, and the profile is where Calc is told to recalculate formulas on load (its default for
.xlsx is to trust cached values, which would hide a wrong formula). HOME points into it, so a
run never writes into the user's home."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .findings import Finding, InputError

TIMEOUT_SECONDS = 180
_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: str | Path, target_format: str, out_dir: str | Path, missing: str) -> Path:
    """Convert `source` with LibreOffice; returns the written file. `target_format` is a
    --convert-to argument such as 'pdf' or 'xlsx'; `missing` is the Chinese message when
    LibreOffice is not installed (what could not be done, and the install command). Raises
    InputError in Chinese when LibreOffice is missing, fails or times out."""
    binary = soffice_binary()
    source = Path(source)
    if binary is None:
        raise InputError(Finding("soffice-missing", missing))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
        command = [binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--norestore", "--convert-to", target_format, "--outdir", str(out_dir), str(source)]
        env = dict(os.environ, HOME=profile)
        try:
            completed = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, env=env,
                                       check=False)
        except subprocess.TimeoutExpired:
            raise InputError(Finding("soffice-timeout",
                                     f"LibreOffice 转换超时（{TIMEOUT_SECONDS}秒）：{source.name}")) from None
    target = out_dir / (source.stem + "." + target_format.split(":")[0])
    if completed.returncode != 0 or not target.exists():
        detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise InputError(Finding("soffice-failed", f"LibreOffice 转换失败：{source.name} {detail[0]}".strip()))
    return target


__all__ = ["TIMEOUT_SECONDS", "convert", "soffice_binary"]
