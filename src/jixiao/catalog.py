"""The catalog: every code jixiao can tell a user — a file it cannot read, a cell a reader
could not read, an indicator the engine could not score, an inconsistency the audit found —
with a stable kebab-case code, a Chinese title, a default severity, the stage that raises
it and, for audit findings, the message template a reviewer can paste into a letter.

`jixiao audit --list-codes` prints this table; docs/audit-json.md documents it. A finding
whose code is not here cannot be made (`findings.Finding` refuses it).

Severity policy (what a reviewer can trust):
- error: a figure that is wrong beyond its printed precision, or a mistake that changes a
  score, a subtotal or the total; input that cannot be read at all;
- warning: a defect that changes no score (a rate one unit off in its last printed digit —
  `rounding` —, a missing deviation reason, a target that is not measurable), or a
  disagreement the document can defend (its score follows the national default);
- info: what the reader inferred so the reviewer can see it (a level placed by position).

Templates are filled with the finding's fields: {project}, {indicator}, {reported},
{expected}, {derivation}, {where} (“指标“X””/“总分”…) and any extra field a check gives.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_NAMES = {ERROR: "错误", WARNING: "警告", INFO: "提示"}

# Stages, in the order a file goes through them.
INPUT = "input"        # the file as a whole cannot be read (exit 2, or a batch row)
READER = "reader"      # a part of a readable file could not be read, or was inferred
SCORING = "scoring"    # the engine could not score something as written
AUDIT = "audit"        # an inconsistency between what was printed and what it should be
STAGES = {INPUT: "读取文件", READER: "识别表格", SCORING: "计分", AUDIT: "审核"}


@dataclass(frozen=True)
class Entry:
    code: str
    title: str
    severity: str
    stage: str
    template: str | None = None   # None: the finding's message is given where it is made


def _entries() -> tuple[Entry, ...]:
    def e(code: str, title: str, severity: str, stage: str, template: str | None = None) -> Entry:
        return Entry(code, title, severity, stage, template)

    return (
        # -- the file as a whole ---------------------------------------------------------------
        e("file-not-found", "文件不存在", ERROR, INPUT),
        e("not-a-file", "不是文件", ERROR, INPUT),
        e("file-unreadable", "无法读取的文件", ERROR, INPUT,
          "该文件无法读取，未纳入审核：{derivation}"),
        e("file-empty", "文件为空", ERROR, INPUT),
        e("file-too-large", "文件过大", ERROR, INPUT),
        e("file-malformed", "文件已损坏或格式不符", ERROR, INPUT),
        e("file-encrypted", "文件受密码保护", ERROR, INPUT),
        e("file-old-format", "旧版文件格式", ERROR, INPUT),
        e("file-zip-bomb", "疑似压缩炸弹", ERROR, INPUT),
        e("file-over-budget", "超出读取限额", ERROR, INPUT),
        e("file-encoding", "文本编码无法识别", ERROR, INPUT),
        e("file-binary", "不是文本文件", ERROR, INPUT),
        e("file-unsupported", "不支持的文件类型", ERROR, INPUT),
        e("form-not-found", "未找到自评表", ERROR, INPUT),
        e("form-empty", "空白自评表", ERROR, INPUT),
        e("too-many-files", "文件过多", ERROR, INPUT),
        e("cluster-unavailable", "分布式审核集群不可用", ERROR, INPUT),
        e("yaml-syntax", "YAML 格式错误", ERROR, INPUT),
        e("yaml-too-deep", "YAML 嵌套过深", ERROR, INPUT),
        e("yaml-alias", "不支持 YAML 别名", ERROR, INPUT),
        e("duplicate-key", "字段重复", ERROR, INPUT),
        e("bad-key", "键不是文本", ERROR, INPUT),
        e("not-a-mapping", "内容不是一张自评表", ERROR, INPUT),
        e("schema", "不符合文件格式", ERROR, INPUT),
        e("missing-field", "缺少必填字段", ERROR, INPUT),
        e("not-a-number", "不是数字", ERROR, INPUT),
        e("negative-number", "数字为负", ERROR, INPUT),
        e("number-out-of-range", "数字超出允许范围", ERROR, INPUT),
        e("not-an-integer", "不是整数", ERROR, INPUT),
        e("not-a-year", "年度格式不对", ERROR, INPUT),
        e("not-a-date", "日期格式不对", ERROR, INPUT),
        e("unknown-kind", "未知的表类型", ERROR, INPUT),
        e("unknown-profile", "未知的评分方案", ERROR, INPUT),
        e("unknown-layout", "未知的表样", ERROR, INPUT),
        e("unknown-framework", "未知的共性指标框架", ERROR, INPUT),
        e("unknown-source", "未知的资金来源", ERROR, INPUT),
        e("unknown-rule", "未知的评分规则", ERROR, INPUT),
        e("rule-param-unknown", "评分规则参数未知", ERROR, INPUT),
        e("rule-param-invalid", "评分规则参数不合格式", ERROR, INPUT),
        e("goal-out-of-range", "子目标序号超出范围", ERROR, INPUT),
        e("zero-target", "以零为目标却按比例计分", ERROR, INPUT),
        # -- the command line ------------------------------------------------------------------
        e("unknown-code", "未知的审核代码", ERROR, INPUT),
        e("no-evaluation", "没有可计分的自评表", ERROR, INPUT),
        e("no-input", "没有指定输入", ERROR, INPUT),
        e("bad-output", "输出文件类型不对", ERROR, INPUT),
        e("unwritable-output", "无法写入输出文件", ERROR, INPUT),
        e("soffice-missing", "未安装 LibreOffice", ERROR, INPUT),
        e("soffice-timeout", "LibreOffice 转换超时", ERROR, INPUT),
        e("soffice-failed", "LibreOffice 转换失败", ERROR, INPUT),
        e("font-missing", "缺少中文字体", ERROR, INPUT),
        e("demo-not-empty", "演示数据库不是空的", ERROR, INPUT),
        e("password-mismatch", "两次输入的密码不一致", ERROR, INPUT),
        e("user-invalid", "用户信息不合要求", ERROR, INPUT),
        # -- reading the tables inside a file --------------------------------------------------
        e("cell-not-number", "单元格不是数字", WARNING, READER),
        e("funds-unit-missing", "资金未注明单位", WARNING, READER),
        e("indicator-name-missing", "指标名称为空", WARNING, READER, "{derivation}，按无名指标计分并计入合计。"),
        e("unreadable-row", "无法识别的表格行", WARNING, READER,
          "这一行无法识别（{derivation}），未纳入审核：{reported}"),
        e("table-incomplete", "表格不完整", ERROR, READER, "{derivation}。"),
        e("block-missing", "表样应有的部分未找到", ERROR, READER),
        e("column-missing", "表样应有的列未找到", ERROR, READER),
        e("formula-not-evaluated", "公式单元格没有计算结果", ERROR, READER),
        e("form-no-project", "未找到项目名称", WARNING, READER),
        e("table-too-large", "表格过大", ERROR, READER),
        e("rule-text-unparsed", "评分细则无法识别", WARNING, READER,
          "指标“{indicator}”的评分细则无法识别：{derivation}"),
        e("rule-text-defect", "评分细则表述有误", WARNING, READER,
          "指标“{indicator}”的评分细则有误：{derivation}。"),
        e("level-inferred", "指标层级由审核推断", INFO, READER, "{derivation}（审核按此计算小计）。"),
        e("missing-level2", "缺少二级指标", WARNING, READER, "指标“{indicator}”没有填写二级指标。"),
        # -- scoring --------------------------------------------------------------------------
        e("indicator-not-scored", "指标无法重算", WARNING, SCORING),
        e("score-outside-band", "自评得分不在定性档位区间内", WARNING, SCORING),
        e("rule-doubtful", "评分规则与目标不符，得分存疑", WARNING, SCORING),
        e("funds-missing", "缺少项目资金数据", WARNING, SCORING),
        e("funds-incomplete", "项目资金数据不完整", WARNING, SCORING),
        e("funds-total-blank", "资金总额行为0而各来源有数", WARNING, SCORING),
        e("weight-inferred", "分值由目标块推定", INFO, SCORING),
        e("weight-unknown", "分值未印出且无法推定", WARNING, SCORING),
        e("execution-split", "按资金来源分别计分", INFO, SCORING),
        e("weights-declared", "分值与声明不符", WARNING, SCORING),
        e("weights-total", "分值合计不是100", WARNING, SCORING),
        # -- the audit -----------------------------------------------------------------------
        e("total-mismatch", "总分与明细之和不符", ERROR, AUDIT,
          "“{project}”总分印为{reported}，但预算执行得分与各指标得分之和为{expected}（{derivation}），请核正。"),
        e("total-rounded", "总分被取整", WARNING, AUDIT,
          "“{project}”总分印为{reported}，明细之和为{expected}（{derivation}），总分应保留两位小数。"),
        e("subtotal-mismatch", "小计与明细或其他表述不符", ERROR, AUDIT,
          "“{project}”{where}印为{reported}，但应为{expected}（{derivation}），请核正。"),
        e("weights-mismatch", "分值合计不符", ERROR, AUDIT,
          "“{project}”{where}的分值合计为{reported}，应为{expected}（{derivation}），请调整指标分值。"),
        e("score-out-of-range", "得分超出分值范围", ERROR, AUDIT,
          "“{project}”{where}得分{reported}超出其分值范围{expected}，请核正。"),
        e("execution-mismatch", "预算执行率或执行得分计算有误", ERROR, AUDIT,
          "“{project}”{where}印为{reported}，按预算数与执行数应为{expected}（{derivation}），请核正。"),
        e("rounding", "末位舍入有误（不影响得分）", WARNING, AUDIT,
          "“{project}”{where}印为{reported}，按所列数据应为{expected}（{derivation}），末位相差一个单位，不影响得分，请核正。"),
        e("rate-conflict", "相同数据算出不同比率", ERROR, AUDIT,
          "“{project}”{where}与同表另一行的预算数、执行数相同，但执行率印为{reported}与{expected}，两者不能都对（{derivation}）。"),
        e("score-mismatch", "得分与评分规则不符", ERROR, AUDIT,
          "“{project}”指标“{indicator}”自评得分{reported}，按{rule}应为{expected}（{derivation}），请核正或说明依据。"),
        e("score-rounded", "得分保留位数不足", WARNING, AUDIT,
          "“{project}”{where}得分印为{reported}，按规则为{expected}（{derivation}），得分应保留两位小数。"),
        e("number-format", "数字格式有误", WARNING, AUDIT,
          "“{project}”{where}印为“{reported}”，{derivation}，应为{expected}。"),
        e("mistyped-number", "疑似录入错误的数字", ERROR, AUDIT,
          "“{project}”{where}印为“{reported}”，其他位置为{expected}，疑为录入错误（{derivation}）。"),
        e("conflicting-fact", "同一事实前后表述不一致", ERROR, AUDIT,
          "“{project}”{where}在不同位置表述不一致：此处为“{reported}”，{derivation}为“{expected}”，请统一并说明以何为准。"),
        e("comparator-lost", "目标值缺少比较符", WARNING, AUDIT,
          "“{project}”指标“{indicator}”目标值印为“{reported}”，缺少比较符；{derivation}为“{expected}”。"
          "未写比较符时按“≥”理解，{effect}"),
        e("missing-deviation-reason", "失分未说明偏差原因", WARNING, AUDIT,
          "“{project}”指标“{indicator}”得{reported}分（分值{expected}），失分但未填写偏差原因分析及改进措施。"),
        e("deviation-rate-zero", "失分却写偏差率为0", WARNING, AUDIT,
          "“{project}”指标“{indicator}”在评价报告中写明“指标偏差率为{reported}”，但得{score}分（分值{expected}分），"
          "失分与零偏差相矛盾，请核正偏差率。"),
        e("overcompletion-unexplained", "大幅超额完成未说明", WARNING, AUDIT,
          "“{project}”指标“{indicator}”实际完成{reported}，为目标{expected}的{ratio}，大幅超额完成但未说明原因；目标是否设置偏低？"),
        e("target-not-measurable", "目标值不可衡量", WARNING, AUDIT,
          "“{project}”指标“{indicator}”的年度指标值“{reported}”不是可衡量的目标（{derivation}），"
          "建议设置带计量单位和比较符的数值，或明确的是/否标准。"),
        e("unit-mismatch", "目标与实际计量单位不一致", ERROR, AUDIT,
          "“{project}”指标“{indicator}”目标为“{expected}”，实际完成值却是“{reported}”，单位不一致，无法据以评分（{derivation}）。"),
        e("actual-not-comparable", "实际完成值不是可比的数值", WARNING, AUDIT,
          "“{project}”指标“{indicator}”目标为“{expected}”，实际完成值却填“{reported}”，无法核对得分（{derivation}）。"),
        e("grade-mismatch", "评价等级与得分不符", ERROR, AUDIT,
          "“{project}”{where}得分率/得分{derivation}，评价等级印为“{reported}”，应为“{expected}”。"),
        e("amount-mismatch", "金额或比率计算有误", ERROR, AUDIT,
          "“{project}”{where}印为{reported}，按所列数据应为{expected}（{derivation}），请核正。"),
        e("indicator-missing", "评价报告中的指标未列入自评表", ERROR, AUDIT,
          "“{project}”评价报告列有指标“{indicator}”（分值{reported}），自评表中却没有这一行（{derivation}）。"),
        e("adjusted-targets", "绩效目标在年度结束后调整", WARNING, AUDIT,
          "“{project}”自述“{reported}”：自评使用的是年度结束后调整的绩效目标，而非预算批复时的目标，请说明调整依据并按批复目标自评。"),
        # -- monitoring during the year (绩效运行监控, 双监控) -------------------------------------
        e("spending-behind-schedule", "预算执行进度滞后", WARNING, AUDIT,
          "“{project}”截至{as_of}预算执行率为{reported}，{expected}（{derivation}）。{needed}"),
        e("progress-gap", "目标完成进度与预算执行进度偏离", WARNING, AUDIT,
          "“{project}”截至{as_of}目标完成进度为{reported}，预算执行进度为{expected}，相差{gap}个百分点，超过{limit}个百分点（{derivation}）。"),
        e("certain-but-impossible", "标为“确定能”但按当前进度无法完成", ERROR, AUDIT,
          "“{project}”指标“{indicator}”标为“确定能”完成，但截至{as_of}仅完成{reported}，按当前进度全年只能达到{expected}"
          "（{derivation}）。{needed}"),
        e("forecast-missing", "未填写全年预计或完成可能性", WARNING, AUDIT,
          "“{project}”指标“{indicator}”未填写{field}。"),
        e("shortfall-unexplained", "预计不能完成但未说明原因和纠偏措施", WARNING, AUDIT,
          "“{project}”指标“{indicator}”预计不能完成（{derivation}），但未填写{field}。"),
        e("forecast-above-trend", "全年预计远高于按进度推算值", INFO, AUDIT,
          "“{project}”指标“{indicator}”全年预计{reported}，按当前进度线性推算为{expected}（{derivation}），请说明依据。"),
        e("certain-but-missed", "监控时标为“确定能”而年末未完成", ERROR, AUDIT,
          "“{project}”指标“{indicator}”在{as_of}的监控中标为“确定能”完成，年末实际为“{reported}”，未达到“{expected}”。"),
        e("staff-breakdown-mismatch", "人员分类之和与合计不符", ERROR, AUDIT,
          "“{project}”{where}合计印为{reported}，但各类人数之和为{expected}（{derivation}），请核正。"),
        e("staff-over-establishment", "实有人数超过编制数", WARNING, AUDIT,
          "“{project}”实有人数{reported}超过编制数{expected}（{derivation}），请说明超编原因。"),
        e("department-figure-mismatch", "部门支出的占比、比率或增减额有误", ERROR, AUDIT,
          "“{project}”{where}印为{reported}，按所列数据应为{expected}（{derivation}），请核正。"),
        e("claim-contradicts-indicator", "自述与共性指标不符", WARNING, AUDIT,
          "“{project}”写明“{reported}”，但{derivation}，请说明依据。"),
        # -- target declarations (绩效目标申报表): review, and changes after approval -----------
        e("output-quantity-quality-missing", "产出指标缺少数量或质量指标", ERROR, AUDIT,
          "“{project}”的产出指标中没有{missing}指标：产出指标应同时设置数量指标和质量指标（{derivation}）。"),
        e("declared-target-vague", "申报的指标值不可衡量", ERROR, AUDIT,
          "“{project}”指标“{indicator}”的指标值“{reported}”不可衡量：{derivation}。"),
        e("qualitative-grades-missing", "定性指标未说明分档标准", ERROR, AUDIT,
          "“{project}”定性指标“{indicator}”（指标值“{reported}”）未说明{derivation}的具体标准，无法据以评定等级。"),
        e("cost-above-standard", "成本指标高于预算支出标准", ERROR, AUDIT,
          "“{project}”成本指标“{indicator}”的指标值为{reported}，高于预算支出标准{expected}（{derivation}）。"),
        e("satisfaction-survey-missing", "满意度指标未说明调查方式", WARNING, AUDIT,
          "“{project}”满意度指标“{indicator}”未说明如何调查（数据来源“{reported}”，取值方式“{expected}”），"
          "应写明问卷、抽样或测评等调查方法及对象。"),
        e("declared-weights-sum", "申报分值合计不符", ERROR, AUDIT,
          "“{project}”{where}的分值合计为{reported}，应为{expected}（{derivation}）。"),
        e("duplicate-indicator", "指标重复或近似重复", WARNING, AUDIT,
          "“{project}”指标“{indicator}”与“{other}”{derivation}，请合并或写明两者的区别。"),
        e("declaration-field-missing", "申报表未填必填项", WARNING, AUDIT,
          "“{project}”指标“{indicator}”未填写{field}。"),
        e("target-equals-last-actual", "指标值等于上年已实现值", WARNING, AUDIT,
          "“{project}”指标“{indicator}”{year}年的指标值{reported}只是{last_year}年已实现的{expected}，"
          "未体现进步（{derivation}）。"),
        e("target-changed", "自评目标与批复目标不符", ERROR, AUDIT,
          "“{project}”指标“{indicator}”批复的指标值为“{expected}”，自评使用的是“{reported}”，且无调整批复。"),
        e("weight-changed", "自评分值与批复分值不符", ERROR, AUDIT,
          "“{project}”指标“{indicator}”批复的分值为{expected}，自评使用的是{reported}，且无调整批复。"),
        e("indicator-not-declared", "自评表有申报表没有的指标", WARNING, AUDIT,
          "“{project}”自评表中的指标“{indicator}”不在批复的绩效目标中（{derivation}）。"),
        e("declared-indicator-missing", "批复的指标未列入自评表", WARNING, AUDIT,
          "“{project}”批复的指标“{indicator}”（指标值“{expected}”，分值{weight}）未列入自评表。"),
        # -- the same project across years (history) --------------------------------------------
        e("history-duplicate-year", "同一年度有多份自评表", INFO, READER,
          "“{project}”{year}年度的自评表出现多份，历年对比使用{expected}，未使用{reported}。"),
        e("target-below-last-actual", "目标低于上年实际（目标偏低）", WARNING, AUDIT,
          "“{project}”指标“{indicator}”{year}年的指标值“{reported}”比{last_year}年已实现的“{expected}”更容易达到（{derivation}），目标偏低。"),
        e("target-not-raised", "连续大幅超额完成而目标未提高", WARNING, AUDIT,
          "“{project}”指标“{indicator}”{years}连续超额完成30%以上（{derivation}），指标值却未提高。"),
        e("target-lowered-after-miss", "未完成后调低目标", WARNING, AUDIT,
          "“{project}”指标“{indicator}”{last_year}年未完成（{derivation}），{year}年的指标值由“{expected}”调低为“{reported}”。"),
        e("indicator-dropped-after-loss", "失分指标次年被删除", WARNING, AUDIT,
          "“{project}”指标“{indicator}”{last_year}年失分（{derivation}），{year}年的自评表中不再设置该指标。"),
        e("self-score-inflated", "自评虚高：指标得分率远高于预算执行率", WARNING, AUDIT,
          "“{project}”{year}年指标得分率为{reported}，预算执行率仅为{expected}（{derivation}），自评得分可能虚高。"),
        e("full-marks-low-execution", "指标全部满分而预算执行率低于80%", WARNING, AUDIT,
          "“{project}”{year}年各项指标均得满分，而预算执行率仅为{expected}（{derivation}），请核实指标完成情况。"),
        e("check-failed", "审核项执行失败", ERROR, AUDIT,
          "审核项“{check}”处理“{project}”时出错（{derivation}），该项结果不完整。"),
    )


CATALOG: dict[str, Entry] = {}
for _entry in _entries():
    if _entry.code in CATALOG:
        raise ValueError(f"catalog code {_entry.code!r} listed twice")
    CATALOG[_entry.code] = _entry


class UnknownCode(ValueError):
    """A code that is not in the catalog: a bug in the code that made it, never user data."""


def entry(code: str) -> Entry:
    try:
        return CATALOG[code]
    except KeyError:
        raise UnknownCode(f"code {code!r} is not in the catalog") from None


def codes(stage: str | None = None) -> tuple[str, ...]:
    return tuple(code for code, item in CATALOG.items() if stage is None or item.stage == stage)


__all__ = ["AUDIT", "CATALOG", "ERROR", "INFO", "INPUT", "READER", "SCORING", "SEVERITIES", "SEVERITY_NAMES",
           "STAGES", "WARNING", "Entry", "UnknownCode", "codes", "entry"]
