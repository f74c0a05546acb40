"""The findings catalog: every finding the audit can report, with a stable kebab-case code,
a title, a severity and the Chinese message template a reviewer can paste into a letter.

Templates are filled with the finding's fields: {project}, {indicator}, {reported},
{expected}, {derivation}, plus {where} (“指标“X””/“总分”…) and any extra field a check gives.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True)
class Entry:
    code: str
    title: str
    severity: str
    template: str


_ENTRIES = (
    Entry("total-mismatch", "总分与明细之和不符", ERROR,
          "“{project}”总分印为{reported}，但预算执行得分与各指标得分之和为{expected}（{derivation}），请核正。"),
    Entry("total-rounded", "总分被取整", WARNING,
          "“{project}”总分印为{reported}，明细之和为{expected}（{derivation}），总分应保留两位小数。"),
    Entry("subtotal-mismatch", "小计与明细或其他表述不符", ERROR,
          "“{project}”{where}印为{reported}，但应为{expected}（{derivation}），请核正。"),
    Entry("weights-mismatch", "分值合计不符", ERROR,
          "“{project}”{where}的分值合计为{reported}，应为{expected}（{derivation}），请调整指标分值。"),
    Entry("score-out-of-range", "得分超出分值范围", ERROR,
          "“{project}”{where}得分{reported}超出其分值范围{expected}，请核正。"),
    Entry("execution-mismatch", "预算执行率或执行得分计算有误", ERROR,
          "“{project}”{where}印为{reported}，按预算数与执行数应为{expected}（{derivation}），请核正。"),
    Entry("rate-conflict", "相同数据算出不同比率", ERROR,
          "“{project}”{where}与同表另一行的预算数、执行数相同，但执行率印为{reported}与{expected}，两者不能都对（{derivation}）。"),
    Entry("score-mismatch", "得分与评分规则不符", ERROR,
          "“{project}”指标“{indicator}”自评得分{reported}，按{rule}应为{expected}（{derivation}），请核正或说明依据。"),
    Entry("score-rounded", "得分保留位数不足", WARNING,
          "“{project}”指标“{indicator}”得分印为{reported}，按规则为{expected}（{derivation}），得分应保留两位小数。"),
    Entry("number-format", "数字格式有误", WARNING,
          "“{project}”{where}印为“{reported}”，{derivation}，应为{expected}。"),
    Entry("mistyped-number", "疑似录入错误的数字", ERROR,
          "“{project}”{where}印为“{reported}”，其他位置为{expected}，疑为录入错误（{derivation}）。"),
    Entry("conflicting-fact", "同一事实前后表述不一致", ERROR,
          "“{project}”{where}在不同位置表述不一致：此处为“{reported}”，{derivation}为“{expected}”，请统一并说明以何为准。"),
    Entry("comparator-lost", "目标值缺少比较符", WARNING,
          "“{project}”指标“{indicator}”目标值印为“{reported}”，缺少比较符；{derivation}为“{expected}”。未写比较符时按“≥”理解，{effect}"),
    Entry("missing-deviation-reason", "失分未说明偏差原因", WARNING,
          "“{project}”指标“{indicator}”得{reported}分（分值{expected}），失分但未填写偏差原因分析及改进措施。"),
    Entry("deviation-rate-zero", "失分却写偏差率为0", WARNING,
          "“{project}”指标“{indicator}”在评价报告中写明“指标偏差率为{reported}”，但得{score}分（分值{expected}分），失分与零偏差相矛盾，请核正偏差率。"),
    Entry("overcompletion-unexplained", "大幅超额完成未说明", WARNING,
          "“{project}”指标“{indicator}”实际完成{reported}，为目标{expected}的{ratio}，大幅超额完成但未说明原因；目标是否设置偏低？"),
    Entry("target-not-measurable", "目标值不可衡量", WARNING,
          "“{project}”指标“{indicator}”的年度指标值“{reported}”不是可衡量的目标（{derivation}），建议设置带计量单位和比较符的数值，或明确的是/否标准。"),
    Entry("unit-mismatch", "目标与实际计量单位不一致", ERROR,
          "“{project}”指标“{indicator}”目标为“{expected}”，实际完成值却是“{reported}”，单位不一致，无法据以评分（{derivation}）。"),
    Entry("actual-not-comparable", "实际完成值不是可比的数值", WARNING,
          "“{project}”指标“{indicator}”目标为“{expected}”，实际完成值却填“{reported}”，无法核对得分（{derivation}）。"),
    Entry("grade-mismatch", "评价等级与得分不符", ERROR,
          "“{project}”{where}得分率/得分{derivation}，评价等级印为“{reported}”，应为“{expected}”。"),
    Entry("amount-mismatch", "金额或比率计算有误", ERROR,
          "“{project}”{where}印为{reported}，按所列数据应为{expected}（{derivation}），请核正。"),
    Entry("indicator-missing", "评价报告中的指标未列入自评表", ERROR,
          "“{project}”评价报告列有指标“{indicator}”（分值{reported}），自评表中却没有这一行（{derivation}）。"),
    Entry("rule-text-defect", "评分细则表述有误", WARNING,
          "“{project}”指标“{indicator}”的评分细则有误：{derivation}。"),
    Entry("adjusted-targets", "绩效目标在年度结束后调整", WARNING,
          "“{project}”自述“{reported}”：自评使用的是年度结束后调整的绩效目标，而非预算批复时的目标，请说明调整依据并按批复目标自评。"),
    Entry("level-inferred", "指标层级由审核推断", INFO,
          "“{project}”{derivation}（审核按此计算小计）。"),
    Entry("missing-level2", "缺少二级指标", WARNING,
          "“{project}”指标“{indicator}”没有填写二级指标。"),
    Entry("unreadable-row", "无法识别的表格行", WARNING,
          "“{project}”这一行无法识别（{derivation}），未纳入审核：{reported}"),
    Entry("table-incomplete", "表格不完整", ERROR,
          "“{project}”{derivation}。"),
    Entry("check-failed", "审核项执行失败", ERROR,
          "审核项“{check}”处理“{project}”时出错（{derivation}），该项结果不完整。"),
    Entry("file-unreadable", "无法读取的文件", ERROR,
          "该文件无法读取，未纳入审核：{derivation}"),
)

CATALOG: dict[str, Entry] = {entry.code: entry for entry in _ENTRIES}


def entry(code: str) -> Entry:
    return CATALOG[code]
