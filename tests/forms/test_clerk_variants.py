"""Real forms as another clerk's copy of them would differ — a comparator word in 指标性质, the
funds' unit in the title, an empty row inside the funds block, a rate typed in full-width
characters — read to the same evaluation with the same findings (found by perturbing the 24
real forms; each of these was misread before)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from jixiao import api
from tests.forms import build

HERE = Path(__file__).resolve().parent


def form(relative: str) -> build.Form:
    return build.load(HERE / relative)


def cell(f: build.Form, row: int, col: int) -> build.Cell:
    return next(c for c in f.cells if (c.row, c.col) == (row, col))


def written(f: build.Form, tmp_path: Path, name: str, fmt: str) -> Path:
    path = tmp_path / f"{name}.{fmt}"
    (build.write_xlsx if fmt == "xlsx" else build.write_docx)(f, path)
    return path


def read(path: Path):
    [evaluation] = api.read(path).evaluations
    return evaluation, api.score(evaluation)


def findings(path: Path) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.severity, f.location.where() if f.location else "") for f in api.audit([path]).findings)


def insert_blank_row(f: build.Form, before: int) -> build.Form:
    """An empty row before grid row `before`; cells merged across it grow by one row."""
    g = copy.deepcopy(f)
    covered = set()
    for c in g.cells:
        if c.row >= before:
            c.row += 1
        elif c.row + c.rows - 1 >= before:
            c.rows += 1
        covered.update((c.row + dr, c.col + dc) for dr in range(c.rows) for dc in range(c.cols))
    g.cells += [build.Cell("", before, col) for col in range(1, g.width + 1) if (before, col) not in covered]
    g.cells.sort(key=lambda c: (c.row, c.col))
    g.height += 1
    return g


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("word", ["≤", "不高于", "小于等于", "反向"])
def test_a_comparator_word_in_the_nature_column_is_read(tmp_path, fmt, word):
    # 大英's 成本控制数: 指标性质 ≤, 30 万元; the actual typed as 25 so that the direction matters.
    f = form("sichuan/daying-sfj-2023-tail.form.yaml")
    cell(f, 2, 5).text = word
    cell(f, 2, 8).text = "25"
    path = written(f, tmp_path, "nature", fmt)
    evaluation, result = read(path)
    cost = next(i for i in result.indicators if i.indicator.name == "成本控制数")
    assert (cost.indicator.target.comparator.value, str(cost.indicator.target.quantity.value)) == ("≤", "30")
    assert str(cost.counted) == "90.00"
    assert not [code for code, severity, _ in findings(path) if code == "score-mismatch"]


def test_an_unknown_nature_word_is_reported_not_dropped(tmp_path):
    f = form("sichuan/daying-sfj-2023-tail.form.yaml")
    cell(f, 2, 5).text = "上限值"
    cell(f, 2, 8).text = "25"
    evaluation, _ = read(written(f, tmp_path, "nature", "xlsx"))
    cost = next(i for i in evaluation.indicators if i.name == "成本控制数")
    assert cost.target.text.startswith("上限值") and cost.target.comparator is None


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_the_funds_unit_printed_in_the_title_is_read(tmp_path, fmt):
    # 普陀's funds are in 元 (250000.00 / 215457.6): 项目资金（元） becomes 项目资金 and 单位：元 a title line.
    f = form("shanghai/putuo-tiyu-2022.form.yaml")
    base, _ = read(written(f, tmp_path, "base", fmt))
    cell(f, 3, 1).text = "项目资金"
    f.title = [*f.title, "单位：元"]
    path = written(f, tmp_path, "title", fmt)
    evaluation, result = read(path)
    assert evaluation.funds.unit.text == base.funds.unit.text == "元"
    assert [(line.budget, line.executed) for line in evaluation.funds.lines] == \
        [(line.budget, line.executed) for line in base.funds.lines]
    assert (str(result.execution.score), str(result.total)) == ("8.62", "98.62")
    assert "funds-unit-missing" not in [code for code, _, _ in findings(path)]


def test_funds_with_no_unit_anywhere_are_read_in_wan_yuan_and_said(tmp_path):
    f = form("shanghai/putuo-tiyu-2022.form.yaml")
    cell(f, 3, 1).text = "项目资金"
    path = written(f, tmp_path, "nounit", "xlsx")
    evaluation, _ = read(path)
    assert evaluation.funds.unit.text == "万元"
    assert ("funds-unit-missing", "warning", "工作表“自评表”!A5") in findings(path)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_an_empty_row_inside_the_funds_block_does_not_end_it(tmp_path, fmt):
    # 棠溪镇 村级补助: the total row printed 0/0/0, the money on 本年财政拨款 below the empty row.
    f = form("anhui/chizhou-tangxi-cunji-2022.form.yaml")
    base_path = written(f, tmp_path, "base", fmt)
    path = written(insert_blank_row(f, 5), tmp_path, "blank", fmt)
    base, base_result = read(base_path)
    evaluation, result = read(path)
    assert [(line.source, line.budget, line.executed) for line in evaluation.funds.lines] == \
        [(line.source, line.budget, line.executed) for line in base.funds.lines]
    assert (str(result.execution.score), str(result.total)) == ("10.00", "80.00")
    assert [(code, severity) for code, severity, _ in findings(path)] == \
        [(code, severity) for code, severity, _ in findings(base_path)]


@pytest.mark.parametrize("typed", ["86.19%", "８６．１９％", "８６.１９％", "86．19%"])
def test_a_rate_typed_in_full_width_is_judged_as_typed_in_half_width(tmp_path, typed):
    # 普陀: 215457.6/250000 = 86.1830…%, printed 86.19%: one in the last digit, a rounding warning.
    f = form("shanghai/putuo-tiyu-2022.form.yaml")
    cell(f, 4, 7).text = typed
    rate = [(code, severity) for code, severity, where in findings(written(f, tmp_path, "rate", "xlsx"))
            if where == "工作表“自评表”!G6"]
    assert rate == [("rounding", "warning")]


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("where, word", [((9, 8), "自评得分"), ((9, 6), "实际完成情况")])
def test_a_form_without_a_project_name_is_found_by_any_layouts_header_words(tmp_path, fmt, where, word):
    # 金寨's 部门整体 form has no 项目名称/项目资金 cell: a Word table was taken for a 自评表 only
    # when its header said exactly 得分 and 实际完成值, else the whole file was refused.
    f = form("anhui/jinzhai-chagu-zhengti-2023.form.yaml")
    cell(f, *where).text = word
    evaluation, result = read(written(f, tmp_path, "header", fmt))
    assert (len(evaluation.indicators), str(result.total)) == (8, "70.00")


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_weights_written_with_their_unit_fen_are_read(tmp_path, fmt):
    # 鄂州 财政局 购买第三方服务: the 分值 column typed 10分, 20分 … as text.
    f = form("national/ezhou-czj-2019.form.yaml")
    base_path = written(f, tmp_path, "base", fmt)
    for c in f.cells:
        if 11 <= c.row <= 16 and c.col == 7 and c.text.isdigit():
            c.text, c.number = c.text + "分", False
    path = written(f, tmp_path, "fen", fmt)
    evaluation, result = read(path)
    base, _ = read(base_path)
    assert [i.weight for i in evaluation.indicators] == [i.weight for i in base.indicators]
    assert str(result.total) == "99.29"
    assert findings(path) == findings(base_path)


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
@pytest.mark.parametrize("slug, unit", [("changning-changlong-shengzhu-2022", "昌宁县供销合作社联合社"),
                                        ("huanggang-shuitu-jiance-2020", "黄冈市水土保持与农田水利科研所")])
def test_the_unit_ends_where_the_next_label_in_its_cell_begins(slug, unit, fmt):
    # The Hubei form prints 单位名称：X　　填报日期：2023年4月15日 in one cell: the unit was read with the date.
    [evaluation] = api.read(HERE / "hubei-old" / f"{slug}.{fmt}").evaluations
    assert evaluation.unit == unit


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_sichuan_goals_end_at_the_funds_header(fmt):
    # 青神: the goals block sits above 预算执行情况; its header and five funds rows were read as six more goals.
    [evaluation] = api.read(HERE / "sichuan" / f"qingshen-fgj-gongzixing-2023.{fmt}").evaluations
    assert [goal.expected[:8] for goal in evaluation.goals] == ["严格执行相关政策"]


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf"])
def test_a_level_label_over_an_empty_template_row_declares_its_points(fmt):
    # 中江: 效益指标（20分） is printed on a blank 经济效益指标 row above the 社会效益 rows.
    [evaluation] = api.read(HERE / "national" / f"zhongjiang-shuili-biaochi-2022.{fmt}").evaluations
    assert [(name, str(points)) for name, points in evaluation.declared_weights] == [
        ("产出指标", "70"), ("效益指标", "20"), ("满意度指标", "10")]


def write_docx_in_two_tables(f: build.Form, path: Path, split_before: int, between: str = "") -> None:
    """The form as two Word tables, split before grid row `split_before`, a paragraph between."""
    import docx

    document = docx.Document()
    for line in f.title:
        document.add_paragraph(line)
    for start, end in ((1, split_before - 1), (split_before, f.height)):
        table = document.add_table(rows=end - start + 1, cols=f.width)
        for c in f.cells:
            if start <= c.row <= end:
                target = table.cell(c.row - start, c.col - 1)
                if c.rows > 1 or c.cols > 1:
                    target = target.merge(table.cell(c.row - start + c.rows - 1, c.col + c.cols - 2))
                target.text = c.text
        if start == 1:
            document.add_paragraph(between)
    document.save(path)


@pytest.mark.parametrize("relative, total", [("anhui/jinzhai-chagu-zhengti-2023.form.yaml", "70.00"),
                                             ("hubei-old/huanggang-shuitu-jiance-2020.form.yaml", "100.00")])
def test_a_head_without_project_name_or_a_table_without_weights_joins_too(tmp_path, relative, total):
    # 金寨's head names only 部门 (its funds table says it is a head); Hubei's indicator table prints
    # no 分值 (weights per goal block): the first lost its funds, the second was refused.
    f = form(relative)
    header = min(c.row for c in f.cells if c.text.strip() == "一级指标")
    split = min(c.row for c in f.cells if c.col == 1 and c.row <= header <= c.row + c.rows - 1)
    one, two = tmp_path / "one.docx", tmp_path / "two.docx"
    build.write_docx(f, one)
    write_docx_in_two_tables(f, two, split)
    (_, result), (alone, _) = read(two), read(one)
    assert (str(result.execution.score), str(result.total)) == (str(api.score(alone).execution.score), total)
    assert [(code, severity) for code, severity, _ in findings(two)] == \
        [(code, severity) for code, severity, _ in findings(one)]


def test_a_word_form_typed_as_two_tables_is_one_form(tmp_path):
    # 鄂州 财政局: the head (项目名称, funds, goals) in one table, the indicators in the next.
    f = form("national/ezhou-czj-2019.form.yaml")
    one, two = tmp_path / "one.docx", tmp_path / "two.docx"
    build.write_docx(f, one)
    write_docx_in_two_tables(f, two, 10)
    evaluation, result = read(two)
    assert (evaluation.project, str(result.execution.score), str(result.total)) == ("购买第三方服务", "5.96", "99.29")
    assert [(code, severity) for code, severity, _ in findings(two)] == \
        [(code, severity) for code, severity, _ in findings(one)]
    assert ("score-mismatch", "error", "表2 第5行第8列") in findings(two)


@pytest.mark.parametrize("between, joined", [("续表", True), ("附件2：项目资金明细", False)])
def test_two_tables_are_joined_across_a_continuation_caption_only(tmp_path, between, joined):
    f = form("national/ezhou-czj-2019.form.yaml")
    path = tmp_path / "apart.docx"
    write_docx_in_two_tables(f, path, 10, between=between)
    assert ("block-missing" not in [code for code, _, _ in findings(path)]) is joined


def test_a_year_in_the_goals_text_is_not_taken_for_the_forms(tmp_path):
    # 金寨's 2023 部门整体 form: its title says 2023年度; its goals speak of 2022年度. Without the title
    # the year was read as 2022 from the goals; now the form has none (the import asks for it).
    f = form("anhui/jinzhai-chagu-zhengti-2023.form.yaml")
    titled, _ = read(written(f, tmp_path, "titled", "xlsx"))
    f.title = []
    untitled, _ = read(written(f, tmp_path, "untitled", "xlsx"))
    assert (titled.year, untitled.year) == (2023, None)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_level_labels_unmerged_and_filled_down_are_one_level(tmp_path, fmt):
    # 天长 prints its level-1 labels as points only, （50分） and （30分）, merged down; a copy with
    # them unmerged and filled down (Excel) gave three false weights-mismatch errors.
    f = form("anhui/tianchang-shuili-shuihan-2022.form.yaml")
    base_path = written(f, tmp_path, "base", fmt)
    copies = []
    for c in f.cells:
        if c.col == 2 and c.text in ("（50分）", "（30分）") and c.rows > 1:
            copies += [build.Cell(c.text, c.row + i, c.col) for i in range(1, c.rows)]
            c.rows = 1
    f.cells = sorted(f.cells + copies, key=lambda c: (c.row, c.col))
    path = written(f, tmp_path, "filled", fmt)
    evaluation, result = read(path)
    assert [(name, str(points)) for name, points in evaluation.declared_weights] == [
        ("产出指标", "50"), ("效益指标", "30"), ("满意度指标", "10")]
    assert str(result.total) == "100.00"
    errors = [(code, where) for code, severity, where in findings(path) if severity == "error"]
    assert errors == [(code, where) for code, severity, where in findings(base_path) if severity == "error"]


def test_weights_typed_with_fen_still_bound_a_cut_tables_total(tmp_path):
    # 银川 (cut after its 16th row) prints 自评得分 98, more than the rows read (84) and the weight
    # left unread (10) allow: the error stood only while its 分值 were bare numbers.
    f = form("ningxia/yinchuan-6zhong-gongyong-2021.form.yaml")
    for c in f.cells:
        if c.col == 4 and 8 <= c.row <= 32 and c.text.strip().isdigit():
            c.text, c.number = c.text + "分", False
    assert ("total-mismatch", "error", "工作表“自评表”!F3") in findings(written(f, tmp_path, "fen", "xlsx"))


def test_a_word_form_named_by_its_department_is_a_form(tmp_path):
    # 区商务局's Hubei form retitled 部门整体 with 部门名称 for 项目名称: the .xlsx was read, the
    # .docx refused (its indicator table prints no 分值, and 部门名称 was not taken for a head).
    f = form("hubei-old/qu-shangwuju-fuwumaoyi-2020.form.yaml")
    f.title = ["2020年度部门整体支出绩效自评表", *f.title[1:]]
    for c in f.cells:
        if c.text.strip() == "项目名称":
            c.text = "部门名称"
    (_, from_word), (_, from_excel) = read(written(f, tmp_path, "d", "docx")), read(written(f, tmp_path, "d", "xlsx"))
    assert (str(from_word.execution.score), str(from_word.total)) == \
        (str(from_excel.execution.score), str(from_excel.total)) == ("20.00", "120.00")


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_row_with_figures_but_no_name_is_said(tmp_path, fmt):
    # 鄂州: the name of 服务对象人数 erased, its target, 分值 and 得分 kept: scored with no word said.
    f = form("national/ezhou-czj-2019.form.yaml")
    cell(f, 11, 4).text = ""
    path = written(f, tmp_path, "noname", fmt)
    _, result = read(path)
    assert str(result.total) == "99.29"   # counted as printed
    [said] = [f for f in api.audit([path]).findings if f.code == "indicator-name-missing"]
    assert said.severity == "warning" and said.message.startswith(
        "数量指标下一行填有年度指标值“100人次”、分值“15”、得分“15”，但三级指标名称为空")


# PDFs printed by LibreOffice from variants of real forms (kept, as printing depends on the
# machine's fonts): tests/forms/variants/.
VARIANTS = HERE / "variants"


def test_a_pdf_row_after_a_page_break_is_not_glued_to_a_whole_figure_above():
    # 萧县河西 with one empty row added to its funds block (.docx printed to PDF): 其中羊养殖数量
    # 180只 begins page 2 under ★补助家畜家禽养殖数量 192只, and was read as its rest: 192只180只.
    path = VARIANTS / "xiaoxian-hexi-row-added.pdf"
    evaluation, result = read(path)
    livestock = next(i for i in evaluation.indicators if i.name.startswith("★补助家畜家禽养殖数量"))
    assert (livestock.name, livestock.target.text) == ("★补助家畜家禽养殖数量", "192只")
    assert str(result.total) == "90.00"
    assert "target-not-measurable" not in [code for code, _, where in findings(path) if "第18行" in where]


def test_a_pdf_printed_from_a_workbook_continues_its_table_under_cut_labels():
    # 昌宁 printed from Calc, landscape, one page wide: page 2 begins with the pieces of two merged
    # labels (（80分） beside 数量指标) above the table; the table was taken for a new one and lost
    # (its five indicators, total 33.00 → 27.00).
    evaluation, result = read(VARIANTS / "changning-calc-two-pages.pdf")
    assert (len(evaluation.indicators), str(result.execution.score), str(result.total)) == (18, "4.00", "33.00")
