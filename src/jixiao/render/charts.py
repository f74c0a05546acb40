"""Report charts with matplotlib: scores by level, and budget execution by source.

Chinese labels need a CJK font; the project installs Debian's fonts-noto-cjk (see
.ci/run). Without one, charts are refused rather than drawn with empty boxes."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache

from ..decimals import short
from ..findings import Finding, InputError

CJK_FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC")
DPI = 150


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    font = cjk_font()
    if font is None:
        raise InputError(Finding("font-missing", "未找到中文字体（如 fonts-noto-cjk），无法绘制图表"))
    plt.rcParams["font.family"] = [font]
    plt.rcParams["axes.unicode_minus"] = False
    return plt, plt.figure(figsize=(width, height), dpi=DPI)


def _png(plt, figure) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=DPI)
    plt.close(figure)
    return buffer.getvalue()


def bars(data: Sequence[tuple[str, Decimal, Decimal]], full_label: str, actual_label: str,
         unit: str = "") -> bytes:
    """Paired bars per label (full vs actual), the actual's value printed on its bar."""
    plt, figure = _figure(6.4, 3.2)
    axes = figure.add_subplot(1, 1, 1)
    labels = [label for label, _, _ in data]
    # Decimal → float only here, for drawing; the numbers printed are the Decimals.
    full = [float(value) for _, value, _ in data]
    actual = [float(value) for _, _, value in data]
    positions = range(len(labels))
    axes.bar([p - 0.2 for p in positions], full, width=0.4, label=full_label, color="#B4C7E7")
    bars_actual = axes.bar([p + 0.2 for p in positions], actual, width=0.4, label=actual_label, color="#2F5597")
    for bar, (_, _, value) in zip(bars_actual, data):
        axes.annotate(short(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                      ha="center", va="bottom", fontsize=7)
    axes.set_xticks(list(positions))
    axes.set_xticklabels(labels, fontsize=8, rotation=20 if len(labels) > 5 else 0)
    if unit:
        axes.set_ylabel(unit, fontsize=8)
    axes.legend(fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(plt, figure)


def level_chart(data: Sequence[tuple[str, Decimal, Decimal]]) -> bytes:
    return bars(data, "分值", "得分", "分")


def funds_chart(data: Sequence[tuple[str, Decimal, Decimal]], unit: str) -> bytes:
    return bars(data, "全年预算数", "全年执行数", unit)
