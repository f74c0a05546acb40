"""A safe Decimal formula evaluator for stated scoring formulas (`实际/目标*分值`).

Formulas come from user documents, so they are never handed to eval/exec/ast: a small
tokenizer and a recursive-descent parser accept only numbers (`5`, `0.5`, `5%`), names
given by the caller, + − × * / ÷, parentheses and the functions min, max, abs and
round(x, n). Anything else raises FormulaError with a Chinese message naming the position.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

MAX_LENGTH = 500
MAX_DEPTH = 20
# Literals and results are bounded so a formula cannot build a number that costs real time
# or memory (there is no power operator, but 1e9999 typed as digits or products could).
MAX_DIGITS = 30
MAX_MAGNITUDE = Fraction(10**18)
# Digits kept when the exact rational result is turned back into a Decimal.
RESULT_PRECISION = 40
MAX_ROUND_PLACES = 10

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．（），％＋－＊／", "0123456789.(),%+-*/")
_OPERATORS = {"+": "+", "-": "-", "−": "-", "－": "-", "*": "*", "×": "*", "/": "/", "÷": "/"}
_NAME = re.compile(r"[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class FormulaError(ValueError):
    """A formula that cannot be evaluated; the message is Chinese and names the position."""

    def __init__(self, message: str, position: int | None = None):
        self.position = position
        where = f"第{position + 1}个字符处" if position is not None else ""
        super().__init__(f"公式错误：{where}{message}" if where else f"公式错误：{message}")


@dataclass(frozen=True)
class Token:
    kind: str  # 'number' | 'name' | 'op' | '(' | ')' | ',' | 'end'
    text: str
    position: int
    value: Fraction | None = None


def tokenize(expression: str) -> list[Token]:
    if len(expression) > MAX_LENGTH:
        raise FormulaError(f"公式过长（{len(expression)}个字符，上限{MAX_LENGTH}）")
    text = expression.translate(_FULL_WIDTH)
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        number = _NUMBER.match(text, i)
        if number:
            digits = number.group()
            if len(digits.replace(".", "")) > MAX_DIGITS:
                raise FormulaError(f"数字“{digits[:12]}…”位数过多", i)
            value = Fraction(Decimal(digits))
            end = number.end()
            if end < len(text) and text[end] == "%":
                value = value / 100
                end += 1
            if end < len(text) and (text[end].isalpha() and text[end].isascii()):
                raise FormulaError(f"无法识别的数字写法“{text[i:end + 1]}”", i)
            tokens.append(Token("number", expression[i:end], i, value))
            i = end
            continue
        name = _NAME.match(text, i)
        if name:
            tokens.append(Token("name", name.group(), i))
            i = name.end()
            continue
        if char in _OPERATORS:
            tokens.append(Token("op", _OPERATORS[char], i))
            i += 1
            continue
        if char in "(),":
            tokens.append(Token(char, char, i))
            i += 1
            continue
        raise FormulaError(f"不允许的字符“{char}”", i)
    tokens.append(Token("end", "", len(text)))
    return tokens


def to_decimal(value: Fraction) -> Decimal:
    """The exact rational as a Decimal: exact when it terminates, else to 40 digits, so that
    rounding to cents afterwards is the rounding of the true value."""
    with localcontext() as context:
        context.prec = RESULT_PRECISION
        return Decimal(value.numerator) / Decimal(value.denominator)


def _round(value: Fraction, places: Fraction) -> Fraction:
    if places.denominator != 1 or not 0 <= places <= MAX_ROUND_PLACES:
        raise FormulaError(f"round 的小数位数须为0到{MAX_ROUND_PLACES}的整数")
    rounded = to_decimal(value).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    return Fraction(rounded)


_FUNCTIONS: dict[str, tuple[int | None, Callable[..., Fraction]]] = {
    # name: (number of arguments, None = one or more; implementation)
    "min": (None, lambda *args: min(args)),
    "max": (None, lambda *args: max(args)),
    "abs": (1, lambda x: abs(x)),
    "round": (2, _round),
}


class _Parser:
    """expr := term (('+'|'-') term)*;  term := unary (('*'|'/') unary)*;
    unary := ('+'|'-') unary | atom;  atom := number | name | name '(' args ')' | '(' expr ')'"""

    def __init__(self, tokens: list[Token], names: Mapping[str, Decimal]):
        self.tokens = tokens
        self.names = names
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, kind: str, what: str) -> Token:
        if self.current.kind != kind:
            raise FormulaError(f"此处应为{what}，却是{_describe(self.current)}", self.current.position)
        return self.advance()

    def enter(self, position: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(f"嵌套过深（上限{MAX_DEPTH}层）", position)

    def parse(self) -> Fraction:
        value = self.expression()
        if self.current.kind != "end":
            raise FormulaError(f"多余的{_describe(self.current)}", self.current.position)
        return value

    def expression(self) -> Fraction:
        value = self.term()
        while self.current.kind == "op" and self.current.text in "+-":
            op = self.advance()
            right = self.term()
            value = _checked(value + right if op.text == "+" else value - right, op.position)
        return value

    def term(self) -> Fraction:
        value = self.unary()
        while self.current.kind == "op" and self.current.text in "*/":
            op = self.advance()
            right = self.unary()
            if op.text == "*":
                value = _checked(value * right, op.position)
            else:
                if right == 0:
                    raise FormulaError("除数为0", op.position)
                value = _checked(value / right, op.position)
        return value

    def unary(self) -> Fraction:
        if self.current.kind == "op" and self.current.text in "+-":
            op = self.advance()
            self.enter(op.position)
            operand = self.unary()
            self.depth -= 1
            return -operand if op.text == "-" else operand
        return self.atom()

    def atom(self) -> Fraction:
        token = self.current
        if token.kind == "number":
            self.advance()
            assert token.value is not None
            return token.value
        if token.kind == "(":
            self.advance()
            self.enter(token.position)
            value = self.expression()
            self.expect(")", "“)”")
            self.depth -= 1
            return value
        if token.kind == "name":
            self.advance()
            if self.current.kind == "(":
                return self.call(token)
            if token.text in _FUNCTIONS:
                raise FormulaError(f"函数“{token.text}”后应有“(”", self.current.position)
            if token.text not in self.names:
                known = "、".join(self.names) or "无"
                raise FormulaError(f"未知的名称“{token.text}”（可用：{known}）", token.position)
            return self.names[token.text]
        raise FormulaError(f"此处应为数字、名称或“(”，却是{_describe(token)}", token.position)

    def call(self, name: Token) -> Fraction:
        if name.text not in _FUNCTIONS:
            allowed = "、".join(_FUNCTIONS)
            raise FormulaError(f"不允许的函数“{name.text}”（可用：{allowed}）", name.position)
        arity, function = _FUNCTIONS[name.text]
        self.enter(name.position)
        self.expect("(", "“(”")
        args = [self.expression()]
        while self.current.kind == ",":
            self.advance()
            args.append(self.expression())
        self.expect(")", "“)”")
        self.depth -= 1
        if arity is not None and len(args) != arity:
            raise FormulaError(f"函数“{name.text}”需要{arity}个参数，给了{len(args)}个", name.position)
        try:
            return _checked(function(*args), name.position)
        except FormulaError as error:
            if error.position is None:
                raise FormulaError(str(error).removeprefix("公式错误："), name.position) from None
            raise


def _checked(value: Fraction, position: int) -> Fraction:
    if abs(value) > MAX_MAGNITUDE:
        raise FormulaError("计算结果过大", position)
    return value


def _describe(token: Token) -> str:
    return "公式结尾" if token.kind == "end" else f"“{token.text}”"


def evaluate(expression: str, names: Mapping[str, Decimal]) -> Decimal:
    """The value of `expression` with `names` bound; raises FormulaError on anything else.

    Arithmetic is exact (rationals), so `实际/目标*分值` gives the same result as
    `实际*分值/目标`, and a score exactly on a half cent rounds up as ROUND_HALF_UP says."""
    if not expression.strip():
        raise FormulaError("公式为空")
    tokens = tokenize(expression)
    exact = {name: Fraction(value) for name, value in names.items()}
    return to_decimal(_Parser(tokens, exact).parse())


def names_in(expression: str) -> set[str]:
    """The variable names a formula uses (function names excluded)."""
    tokens = tokenize(expression)
    used = set()
    for index, token in enumerate(tokens):
        if token.kind == "name" and tokens[index + 1].kind != "(":
            used.add(token.text)
    return used


def render(expression: str, shown: Mapping[str, str]) -> str:
    """The formula as a reviewer reads it: names replaced by values as written, * as ×."""
    tokens = tokenize(expression)
    parts = []
    for index, token in enumerate(tokens):
        if token.kind == "name" and tokens[index + 1].kind != "(":
            parts.append(shown.get(token.text, token.text))
        elif token.kind == "op":
            parts.append({"*": "×", "-": "−"}.get(token.text, token.text))
        elif token.kind == ",":
            parts.append(", ")
        else:
            parts.append(token.text)
    return "".join(parts)
