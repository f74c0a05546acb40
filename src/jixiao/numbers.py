"""Chinese quantities as printed on 绩效自评表: `≥ 11万票`, `$\\leq 5\\%$`, `一部`, `工业1个/服务业2个`.

Everything here reads text and returns model values; nothing is guessed. A text that
is not clearly one number with a known unit (optionally behind a label and a
comparator), a list of labelled numbers, or a known qualitative word comes back as
`Value(text, problem=...)` with the text kept, so the reviewer sees what was written.

Choices worth knowing (see also `to_common`):
- A unit must be known (an allow-list of Chinese measure words and units, or ASCII
  letters such as TEU); `2019年工作日天数` is therefore a problem, not 2019 年.
- A label in front of the number is allowed only when the text holds exactly one
  number (`计划入党积极分子人数≥2`, `超额完成预算目标，确定入党积极分子12名。`);
  the label never becomes part of the unit.
- 以上/以下/以内 include the stated number (≥/≤, as in 民法典 第1259条); 超过 excludes it (>).
  A deadline 9月前 / 9月以前 is ≤ 9月 (前 alone only after a unit of time).
- A dash (`-`, `—`) means "not filled in": it is reported as a problem, not read as 0.

Parsing happens once per loaded document, but documents repeat the same texts
(`≥85%`, `及时`, `100%`) many times, so parse results are cached; they are frozen.
"""

from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .decimals import plain
from .model import Comparator, Part, Quantity, Unit, Value

# Longer than any real 年度指标值/实际完成值 cell; keeps regex work bounded on hostile input.
MAX_TEXT = 500
# Beyond this Decimal's default 28-digit context would start rounding products.
MAX_DIGITS = 24

_ONE = Decimal(1)
_PERCENT = Unit("%", Decimal("0.01"), "%")
_PERMILLE = Unit("‰", Decimal("0.001"), "%")
_BARE = Unit()

# Scale words in front of a unit, longest first so 千万 is not read as 千 + 万….
_SCALES: tuple[tuple[str, Decimal], ...] = (
    ("万亿", Decimal(10**12)),
    ("千万", Decimal(10**7)),
    ("百万", Decimal(10**6)),
    ("十万", Decimal(10**5)),
    ("亿", Decimal(10**8)),
    ("万", Decimal(10**4)),
    ("千", Decimal(10**3)),
)

# Known base units. Kept explicit: an unknown trailing word must not silently become a unit.
_BASE_UNITS = frozenset(
    """
    个 件 项 次 人 名 位 户 家 所 座 栋 幢 间 套 台 辆 艘 架 部 宗 份 本 册 篇 张 页 条 场 期 批 组
    支 队 届 轮 类 种 门 株 棵 只 头 匹 羽 尾 盏 处 块 片 根 口 眼 道 段 起 例 票 单 包 箱 袋 瓶 盒
    笔 床 餐 顿 剂 针 首 集 卷 版 站 点 层 级 所 班 课 节 季 样 元 角 分 厘
    美元 港元 欧元 日元 英镑 澳元
    吨 斤 克 公斤 千克 毫克 米 厘米 毫米 公里 千米 平方米 平方公里 平方千米 立方米 立方 方 亩 公顷 延米 标箱
    升 毫升 千升 度 瓦 千瓦 兆瓦 千瓦时 兆瓦时 伏 吨标准煤 吨标煤
    天 日 周 月 年 季度 小时 分钟 秒 工作日 个工作日 个月 个季度 学期 学年 课时 学时 人天 人日 人月
    床位 百分点 个百分点 户数 人数 次数
    """.split()
)

# Spellings that name the same base, so 亿元人民币 and 万元 compare.
_BASE_ALIASES = {"元人民币": "元", "人民币": "元", "人民币元": "元", "平米": "平方米", "㎡": "平方米", "公斤": "千克"}

# Words forms print for % (in a 度量单位 column, or after the number: ≥100百分比).
_PERCENT_WORDS = frozenset({"%", "百分比", "百分率", "百分点"})

# Extra denominators after a slash, besides the base units (元/人/天, 次/月).
_PER_UNITS = frozenset({"每人", "每天", "每月", "每年"})

_ASCII_UNIT = re.compile(r"[A-Za-z][A-Za-z²³]*")

# Prefix comparators, longest first so 不超过 wins over 超过 and 小于等于 over 小于.
_PREFIX_COMPARATORS: tuple[tuple[str, Comparator], ...] = tuple(
    sorted(
        {
            "≥": Comparator.GE,
            "≤": Comparator.LE,
            "=": Comparator.EQ,
            ">": Comparator.GT,
            "<": Comparator.LT,
            "不低于": Comparator.GE,
            "不少于": Comparator.GE,
            "不小于": Comparator.GE,
            "大于等于": Comparator.GE,
            "大于或等于": Comparator.GE,
            "至少": Comparator.GE,
            "不高于": Comparator.LE,
            "不超过": Comparator.LE,
            "不大于": Comparator.LE,
            "不多于": Comparator.LE,
            "小于等于": Comparator.LE,
            "小于或等于": Comparator.LE,
            "至多": Comparator.LE,
            "最多": Comparator.LE,
            "超过": Comparator.GT,
            "大于": Comparator.GT,
            "高于": Comparator.GT,
            "多于": Comparator.GT,
            "低于": Comparator.LT,
            "小于": Comparator.LT,
            "少于": Comparator.LT,
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
_PREFIX_WORDS = tuple(word for word, _ in _PREFIX_COMPARATORS)
_PREFIX_MAP = dict(_PREFIX_COMPARATORS)

_SUFFIX_COMPARATORS: tuple[tuple[str, Comparator], ...] = (
    ("及以上", Comparator.GE),
    ("或以上", Comparator.GE),
    ("以上", Comparator.GE),
    ("及以下", Comparator.LE),
    ("或以下", Comparator.LE),
    ("以下", Comparator.LE),
    ("以内", Comparator.LE),
    ("之内", Comparator.LE),
    ("以前", Comparator.LE),
    ("之前", Comparator.LE),
    ("前", Comparator.LE),
)
_SUFFIX_WORDS = tuple(word for word, _ in _SUFFIX_COMPARATORS)
# 前 alone reads as a deadline only right after a unit of time: 9月前 is ≤ 9月 (金寨's form).
_BEFORE_UNITS = ("月", "日", "号", "天", "年", "季度", "周")

# Qualitative words, normalised; the keys on the left are accepted spellings.
_WORDS: dict[str, str] = {
    word: word
    for word in (
        "及时 基本及时 不太及时 不及时 达成 部分达成 未达成 具有 不具有 完成 基本完成 未完成 是 否 有 无 "
        "满意 基本满意 不满意 定时 定期 优良 优秀 良好 合格 不合格 达标 未达标"
    ).split()
}
_WORDS.update(
    {
        "已完成": "完成",
        "未能完成": "未完成",
        "已达成": "达成",
        "未及时": "不及时",
        "具备": "具有",
        "不具备": "不具有",
        "没有": "无",
    }
)

# "Not filled in" placeholders (funds blocks print — for an empty source).
_DASHES = frozenset({"-", "--", "—", "——", "–", "―", "－", "/", "／"})

_TRAILING = "。，,;；.、：:！!？?"

# Full-width and look-alike characters to their plain forms, in one C-level translate.
_TRANSLATE = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_TRANSLATE.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_TRANSLATE.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_TRANSLATE.update(
    {
        ord("％"): "%",
        ord("﹪"): "%",
        ord("＜"): "<",
        ord("＞"): ">",
        ord("＝"): "=",
        ord("﹦"): "=",
        ord("═"): "=",  # a box-drawing double line typed for = (永德 公开14表)
        ord("＋"): "+",
        ord("－"): "-",
        ord("．"): ".",
        ord("／"): "/",
        ord("≧"): "≥",
        ord("≦"): "≤",
        ord("⩾"): "≥",
        ord("⩽"): "≤",
        ord("\u3000"): " ",
        ord("\u00a0"): " ",
    }
)

_LATEX_COMMAND = re.compile(
    r"\\(?:(?:text|mathrm|textrm|mbox)\{([^{}]*)\}|([A-Za-z]+)|([%,;:! ]))"
)
_LATEX_WORDS = {
    "geq": "≥",
    "ge": "≥",
    "geqslant": "≥",
    "leq": "≤",
    "le": "≤",
    "leqslant": "≤",
    "gt": ">",
    "lt": "<",
    "neq": "≠",
    "ne": "≠",
    "times": "×",
    "div": "÷",
    "sim": "~",
    "left": "",
    "right": "",
}

_WHITESPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")
_DIGIT = re.compile(r"\d")
_COMPARATOR_SYMBOL = re.compile(r"[≥≤<>=≠]")
_PART_SEPARATOR = re.compile(r"[/、]")

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_ZEROS = frozenset("零〇")
_CN_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000}
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千]+")


def _keep_space(match: re.Match[str]) -> str:
    """PDF extraction scatters spaces through Chinese (`基本及 时`, `≥ 85 %`); only a
    space between two ASCII words or numbers carries meaning, so only that one stays."""
    text = match.string
    start, end = match.start(), match.end()
    if start and end < len(text) and text[start - 1].isascii() and text[start - 1].isalnum() \
            and text[end].isascii() and text[end].isalnum():
        return " "
    return ""


def _latex(match: re.Match[str]) -> str:
    inner, word, symbol = match.groups()
    if inner is not None:
        return inner
    if word is not None:
        return _LATEX_WORDS.get(word, match.group(0))
    return "%" if symbol == "%" else ""


def normalize(text: str) -> str:
    """LaTeX-ish and full-width forms to plain text: `$\\leq 5.0\\%$` → `≤5.0%`, `≧200 人次` → `≥200人次`."""
    text = text.translate(_TRANSLATE)
    if "\\" in text or "$" in text:
        text = _LATEX_COMMAND.sub(_latex, text).replace("$", "")
    if "=" in text:
        text = text.replace(">=", "≥").replace("<=", "≤").replace("=>", "≥").replace("=<", "≤")
    if not text.isprintable() or " " in text:
        text = _WHITESPACE.sub(_keep_space, text)
    return text.strip()


def _clean(text: str) -> str:
    return normalize(text).rstrip(_TRAILING)


# -- The numeric domain (docs/numbers.md) ---------------------------------------------------
# Every number jixiao accepts, from any reader, web form, stored row or restored backup, lies in
# one of these domains, so that no arithmetic step downstream can overflow a 28-digit context, and
# no value can make a page write megabytes. Checked once, here.


class Domain(NamedTuple):
    """A kind of number: its Chinese name, its closed range, and how many decimals it may be
    written with. `shown` is the range as messages state it."""

    title: str
    low: Decimal
    high: Decimal
    decimals: int
    shown: str


_BOUND = Decimal(10) ** 15
AMOUNT = Domain("金额", -_BOUND, _BOUND, 6, "金额的绝对值不能超过10^15（即1000万亿）")
WEIGHT = Domain("分值", Decimal(0), Decimal(100), 6, "分值应在0至100之间")
SCORE = Domain("得分", Decimal(-1000), Decimal(1000), 6, "得分应在−1000至1000之间")
# A rate as a fraction (0.9174 for 91.74%); as printed it may be a percentage, so the
# fraction may carry two decimals more than the text.
RATE = Domain("比率", Decimal(-100), Decimal(100), 8, "比率应在−10000%至10000%之间")
# Any other number (a cell whose role is not known): the widest domain, an amount's.
NUMBER = AMOUNT
# What the store accepts at all, whatever the column: an amount's bound, and digits enough for
# any domain's decimals once a percentage is divided down.
STORED = Domain("数字", -_BOUND, _BOUND, 12, "数字的绝对值不能超过10^15")

# Fields of the YAML file, the store and the backup, by the domain of their number.
FIELD_DOMAINS: dict[str, Domain] = {
    "initial_budget": AMOUNT, "budget": AMOUNT, "executed": AMOUNT,
    "weight": WEIGHT, "reported_weight": WEIGHT, "declared_weights": WEIGHT,
    "score": SCORE, "reported_score": SCORE, "review_score": SCORE, "reported_total": SCORE,
    "rate": RATE, "reported_rate": RATE,
}

# A held Decimal further out than this is far outside every domain (only data stored before the
# domain was enforced can hold one): it is refused without formatting its digits.
_FAR = 40


@dataclass(frozen=True, slots=True)
class Refused:
    """Why a text is not a number of its domain, in Chinese, to follow the field and the value
    as written: `全年执行数“1e30”` + `reason`."""

    reason: str
    code: str = "not-a-number"  # or number-out-of-range: a number, but not one of its domain

    def __str__(self) -> str:
        return self.reason


_OUT = "number-out-of-range"


def domain_of(path: tuple | str) -> Domain:
    """The domain of a field, by its name or by the nearest named key of its path
    (`("funds", "lines", 0, "executed")` → AMOUNT; `("declared_weights", "产出指标")` → WEIGHT)."""
    keys = (path,) if isinstance(path, str) else path
    for key in reversed(keys):
        if isinstance(key, str) and key in FIELD_DOMAINS:
            return FIELD_DOMAINS[key]
    return NUMBER


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def refusal(value: Decimal, domain: Domain = NUMBER, *, written: bool = True) -> Refused | None:
    """Why a Decimal already held (a stored row, a workbook's number, a restored backup) is
    outside `domain`; None when it is inside. `written=False` for a binary float's digits
    (a spreadsheet's number: 0.1+0.2 carries 17 of them), where only the size and the
    resolution (no nonzero value under 10^-decimals) are checked."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return Refused("不是有效的数字")
    if value and value.adjusted() > _FAR:
        return Refused(f"超出范围：{domain.shown}", _OUT)
    if value and value.adjusted() < -_FAR:
        return Refused(f"小数位数过多：{domain.title}最多{domain.decimals}位小数", _OUT)
    if not domain.low <= value <= domain.high:
        return Refused(f"超出范围：{domain.shown}", _OUT)
    if written and _decimals(value) > domain.decimals:
        return Refused(f"小数位数过多：{domain.title}最多{domain.decimals}位小数", _OUT)
    if not written and value and abs(value) < Decimal(1).scaleb(-domain.decimals):
        return Refused(f"小数位数过多：{domain.title}最多{domain.decimals}位小数", _OUT)
    return None


def require(value: Decimal, domain: Domain = NUMBER, *, written: bool = True) -> Decimal:
    """`value` if it lies in `domain`, else ValueError with the reason (for readers that report
    a ValueError at its cell)."""
    refused = refusal(value, domain, written=written)
    if refused is not None:
        raise ValueError(f"“{_short(plain(value)) if isinstance(value, Decimal) else value}”{refused.reason}")
    return value


_EXPONENT = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+")


def read_number(text: object, domain: Domain = NUMBER) -> Decimal | Refused:
    """A number as a user writes it (`3,744.00`, `１２`, ` -5.5 `) in `domain`, or why not.
    Never raises, whatever the text: the one check every reader and web form calls."""
    if isinstance(text, Decimal):
        return refusal(text, domain) or text
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        return Refused("不是数字")
    if isinstance(text, int):
        value = Decimal(text)
        return refusal(value, domain) or value
    raw = text
    if len(raw) > MAX_TEXT:
        return Refused(f"过长（{len(raw)}字），不是数字")
    cleaned = normalize(raw)
    if not _NUMBER.fullmatch(cleaned):
        if _EXPONENT.fullmatch(cleaned.replace(",", "")):
            # Decimal keeps the exponent as given (no digits are written out), so a huge one is
            # cheap to size: out of range is the graver fault, and the one to name.
            far = refusal(Decimal(cleaned.replace(",", "")), domain)
            if far is not None and far.reason.startswith("超出范围"):
                return far
            return Refused("是科学计数法，请写出完整的数字（如1000000）")
        return Refused("不是数字")
    value = Decimal(cleaned.replace(",", ""))
    return refusal(value, domain) or value


def shown(text: object) -> str:
    """A value as messages quote it: whole when short, cut to 40 characters otherwise."""
    return _short(str(text))


def parse_decimal(text: str, domain: Domain = NUMBER) -> Decimal:
    """`3,744.00`, `１２`, ` -5.5 ` → Decimal in `domain`; anything else (including NaN, 1e5, %, or
    a number outside the domain) raises ValueError saying why."""
    if isinstance(text, Decimal):
        if text.is_finite():
            return require(text, domain)
        raise ValueError(f"不是有效的数字：{text}")
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise ValueError(f"不是有效的数字：{text!r}")
    read = read_number(text, domain)
    if isinstance(read, Refused):
        if read.reason == "不是数字" or read.reason.startswith("过长"):
            raise ValueError(f"不是有效的数字：{_short(str(text))}")
        if read.reason.startswith("是科学计数法"):
            raise ValueError(f"不是有效的数字：{_short(str(text))}（{read.reason}）")
        raise ValueError(f"“{_short(str(text))}”{read.reason}")
    return read


def _base(text: str) -> str | None:
    text = _BASE_ALIASES.get(text, text)
    if text in _BASE_UNITS or _ASCII_UNIT.fullmatch(text):
        return text
    # 人次, 车次, 架次…: a measure word counted per occurrence.
    if len(text) >= 2 and text[-1] == "次" and text[:-1] in _BASE_UNITS:
        return text
    return None


@lru_cache(maxsize=1024)
def _known_unit(text: str) -> Unit | None:
    """The unit if `text` is one jixiao knows (strict: used to find where a number's unit ends)."""
    if text == "":
        return _BARE
    if text in _PERCENT_WORDS:
        return Unit(text, _PERCENT.scale, "%")
    if text == "‰":
        return _PERMILLE
    head, slash, tail = text.partition("/")
    per = ""
    if slash:
        denominators = tail.split("/")
        if not all(d in _PER_UNITS or _base(d) is not None for d in denominators):
            return None
        per = "/" + "/".join(_BASE_ALIASES.get(d, d) for d in denominators)
    if head == "%":
        return Unit(text, _PERCENT.scale, "%" + per)
    base = _base(head)
    if base is not None:
        return Unit(text, _ONE, base + per)
    for word, scale in _SCALES:
        if head.startswith(word):
            rest = head[len(word):]
            if rest == "":
                # A bare scale word takes its base from what it is compared with; 万/人 has none.
                return None if per else Unit(text, scale, "")
            base = _base(rest)
            if base is not None:
                return Unit(text, scale, base + per)
            return None
    return None


def parse_unit(text: str) -> Unit:
    """`万单` → Unit('万单', 10^4, '单'); `亿美元` → (10^8, '美元'); `%` → (0.01, '%');
    `元/人/天` → (1, '元/人/天'); `万元` → (10^4, '元'); `''` → (1, '').

    Lenient, because it is only called on text known to be a unit (a funds block's
    `unit:`): an unknown unit is kept whole as its own base with scale 1.
    """
    cleaned = normalize(text)
    unit = _known_unit(cleaned)
    return unit if unit is not None else Unit(cleaned, _ONE, cleaned)


def _cn_integer(text: str) -> int | None:
    """Small Chinese numerals (一部, 两宗, 十二, 一百零五); None unless the form is unambiguous."""
    if text in _CN_ZEROS:
        return 0
    total = 0
    digit: int | None = None
    last = 10_000
    zero = False
    for index, char in enumerate(text):
        if char in _CN_DIGITS:
            if digit is not None:
                return None  # 一二 is a list (一二期), not a number
            digit = _CN_DIGITS[char]
        elif char in _CN_MULTIPLIERS:
            multiplier = _CN_MULTIPLIERS[char]
            if multiplier >= last:
                return None
            if digit is None:
                if index != 0 or multiplier != 10:
                    return None
                digit = 1  # 十二 = 12
            total += digit * multiplier
            last, digit, zero = multiplier, None, False
        elif char in _CN_ZEROS:
            if digit is not None or total == 0 or zero:
                return None
            zero = True
        else:
            return None
    if digit is not None:
        # 一百五 is colloquially 150, 一百零五 is 105: only accept the unambiguous forms.
        if last not in (10, 10_000) and not zero:
            return None
        total += digit
    elif zero:
        return None
    return total


def _comparator_before(label: str) -> tuple[str, Comparator | None]:
    if label.endswith(_PREFIX_WORDS):
        for word in _PREFIX_WORDS:
            if label.endswith(word):
                return label[: -len(word)], _PREFIX_MAP[word]
    return label, None


def _comparator_after(rest: str) -> tuple[str, Comparator | None]:
    if rest.endswith(_SUFFIX_WORDS):
        for word, comparator in _SUFFIX_COMPARATORS:
            if rest.endswith(word):
                if word == "前" and not rest[:-1].endswith(_BEFORE_UNITS):
                    break
                return rest[: -len(word)], comparator
    return rest, None


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 40 else text[:40] + "…"


class _Read:
    """One number read out of a cleaned text: what was before it and how it compares."""

    __slots__ = ("label", "comparator", "quantity", "problem")

    def __init__(self, label: str, comparator: Comparator | None, quantity: Quantity | None, problem: str | None):
        self.label = label
        self.comparator = comparator
        self.quantity = quantity
        self.problem = problem


def _read_digits(text: str) -> _Read | None:
    """`label` `comparator` `number` `unit` `suffix comparator`, exactly one number in the text."""
    match = _NUMBER.search(text)
    if match is None or _DIGIT.search(text, match.end()):
        return None
    number = match.group(0)
    if sum(char.isdigit() for char in number) > MAX_DIGITS:
        return _Read("", None, None, f"数字位数过多：{_short(text)}")
    label, before = _comparator_before(text[: match.start()])
    if _COMPARATOR_SYMBOL.search(label):
        return None
    rest, after = _comparator_after(text[match.end():])
    unit = _known_unit(rest)
    if unit is None:
        return None
    comparator, problem = _combine(before, after, text)
    value = Decimal(number.replace(",", ""))
    if abs(value) > _BOUND:
        # Targets and actuals share the amounts' bound (docs/numbers.md), in their own unit.
        return _Read("", None, None, f"数值超出范围（绝对值不超过10^15）：{_short(text)}")
    quantity = Quantity(value, unit, number + rest)
    return _Read(label, comparator, quantity, problem)


def _read_chinese(text: str) -> _Read | None:
    """`一部`, `两宗`, `不少于两个`: a Chinese numeral, with a label only after an explicit comparator."""
    for match in _CN_RUN.finditer(text):
        label, before = _comparator_before(text[: match.start()])
        if label and before is None:
            continue
        if _COMPARATOR_SYMBOL.search(label) or _DIGIT.search(text):
            return None
        numeral = match.group(0)
        value = _cn_integer(numeral)
        rest, after = _comparator_after(text[match.end():])
        unit = _known_unit(rest)
        if value is None or unit is None or _CN_RUN.search(rest):
            return None
        comparator, problem = _combine(before, after, text)
        return _Read(label, comparator, Quantity(Decimal(value), unit, numeral + rest), problem)
    return None


def _combine(before: Comparator | None, after: Comparator | None, text: str) -> tuple[Comparator | None, str | None]:
    if before is not None and after is not None and before != after:
        return None, f"比较符前后矛盾：{_short(text)}"
    return before or after, None


def _read_parts(text: str) -> tuple[Comparator | None, tuple[Part, ...]] | None:
    """`工业1个/服务业2个` → labelled parts; every part needs a label and its own number."""
    pieces = _PART_SEPARATOR.split(text)
    if len(pieces) < 2:
        return None
    parts = []
    comparators = set()
    for piece in pieces:
        read = _read_digits(piece)
        if read is None or read.problem or not read.label or read.quantity is None:
            return None
        comparators.add(read.comparator)
        parts.append(Part(read.label, read.quantity))
    if len(comparators) != 1:
        return None
    return comparators.pop(), tuple(parts)


def parse_quantity(text: str) -> Quantity | None:
    """One number with its unit and nothing else (`4.996万单`, `91.66%`, `一部`); else None."""
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        return None
    cleaned = _clean(text)
    read = _read_digits(cleaned) or _read_chinese(cleaned)
    if read is None or read.label or read.comparator is not None or read.problem:
        return None
    return read.quantity


def parse_value(text: str) -> Value:
    """A 年度指标值 or 实际完成值 → Value; never raises, never guesses (see the module docstring)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _parse_value(text)


@lru_cache(maxsize=8192)
def _parse_value(text: str) -> Value:
    if len(text) > MAX_TEXT:
        return Value(text, problem=f"数值文本过长（{len(text)}字），无法识别")
    cleaned = _clean(text)
    if cleaned == "":
        # Blank is not a problem here (the caller knows whether the cell may be blank);
        # punctuation alone ("。") is.
        if text.strip() == "":
            return Value(text)
        return Value(text, problem=f"无法识别的数值：{_short(text)}")
    if cleaned in _DASHES or normalize(text) in _DASHES:
        return Value(text, problem=f"未填写（“{_short(text)}”）")
    word = _WORDS.get(cleaned)
    if word is not None:
        return Value(text, word=word)
    read = _read_digits(cleaned) or _read_chinese(cleaned)
    if read is not None:
        if read.problem:
            return Value(text, problem=read.problem)
        quantity = read.quantity
        if quantity.text == text:
            quantity = Quantity(quantity.value, quantity.unit, text)  # one string for both, not two
        return Value(text, comparator=read.comparator, quantity=quantity)
    parts = _read_parts(cleaned)
    if parts is not None:
        comparator, items = parts
        return Value(text, comparator=comparator, parts=items)
    return Value(text, problem=f"无法识别的数值：{_short(text)}")


def to_common(a: Quantity, b: Quantity) -> tuple[Decimal, Decimal] | None:
    """Both values in one base unit, or None when their units cannot be compared.

    - Same base: each value times its scale (4.996万单 vs 8万单 → 49960, 80000).
    - A bare number or bare scale word (base '') takes the other's base:
      4.996万 vs 8万单 → 49960, 80000; 12 vs ≥2人 → 12, 2.
    - Percentages: 85% has base '%' and base value 0.85, so a bare 0.85 compared with
      85% is equal (the bare number is read as a fraction), while 85 vs 85% is
      85 vs 0.85. Reading a bare number as a fraction is the only choice that never
      invents a unit; a bare 95 against ≥85% shows up as a huge over-completion,
      which the audit flags, rather than being silently read as 95%.
    - Different bases (元 vs 人次, 元 vs 美元, % vs 个百分点) → None.
    """
    base_a, base_b = a.unit.base, b.unit.base
    if base_a != base_b and base_a and base_b:
        return None
    return a.value * a.unit.scale, b.value * b.unit.scale


def is_blank(text: str | None) -> bool:
    """True for an empty cell or a dash placeholder (funds blocks print — for an empty source)."""
    if text is None:
        return True
    cleaned = normalize(str(text))
    return cleaned == "" or cleaned in _DASHES


__all__ = [
    "AMOUNT",
    "FIELD_DOMAINS",
    "MAX_TEXT",
    "NUMBER",
    "RATE",
    "SCORE",
    "STORED",
    "WEIGHT",
    "Domain",
    "Refused",
    "domain_of",
    "read_number",
    "refusal",
    "require",
    "shown",
    "is_blank",
    "normalize",
    "parse_decimal",
    "parse_quantity",
    "parse_unit",
    "parse_value",
    "to_common",
]
