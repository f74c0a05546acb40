"""Where each target and monitoring rule comes from, quoted as far as the text could be read.

Every quotation below was read in a stored copy through the offline corpus (`search`); the
copies are third-party reproductions, not mof.gov.cn pages. A rule whose official text could
not be read says so in `verified` and is jixiao's reading, never presented as a quotation.
docs/targets.md and docs/monitoring.md print this table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    document: str
    article: str
    quote: str          # verbatim from the stored copy, or "" when none could be read
    verified: bool      # the quote was read; False: the rule is jixiao's reading, its text unverified
    url: str = ""
    note: str = ""


NOTICE_2016 = "财政部《关于开展中央部门项目支出绩效自评工作的通知》（2016年，文号未能核实）"
MEASURES_88 = "《中央部门预算绩效目标管理办法》（财预〔2015〕88号）"
GUIDE_101 = "《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）"
OPINION_34 = "《中共中央 国务院关于全面实施预算绩效管理的意见》（中发〔2018〕34号）"
MONITOR_136 = "《中央部门预算绩效运行监控管理暂行办法》（财预〔2019〕136号）"
PLATFORM = "公开的预算绩效管理平台配置代码（厂商代码，非官方文件）"

_88_URL = "http://shenhe99.com/mubiaosheding/2018/0902/9001_3.html"
_2016_URL = "https://www.baogao.com/zhengce/998f5b6b-595d-4b7c-8935-1f16c191af56.html"
_2016_FULL_URL = "http://baike.taxrefund.com.cn/html/fg/2016/11/20161117135128-29452.html"
_101_URL = "http://lsrwf.cn/news/708af42006d811ec81694b356a0c000d"

_101_BODY = ("101号的正文在离线语料中未能读到（只读到通知正文与附件1的前言）；"
             "此规则按 rules.md 的转述实现，条文与措辞未经核实。")

REVIEW_GRADES = Source(
    MEASURES_88, "第二十六条之前一条（所存副本自该条中间开始，未显示条号）",
    "审核结果为“优”的,直接进入下一步预算安排流程;审核结果为“良”的,可与相关部门或单位进行协商,"
    "直接对其绩效目标进行完善后,进入下一步预算安排流程;审核结果为“中”的,由相关部门或单位对其绩效目标进行修改完善,"
    "按程序重新报送审核;审核结果为“差”的,不得进入下一步预算安排流程。",
    True, _88_URL,
    "88号规定了各等级的后果；何种情形评为何等级的条文（第1–2页）未能读到，jixiao 按后果倒推分级，见 docs/targets.md。")

SOURCES: dict[str, Source] = {
    "output-quantity-quality-missing": Source(GUIDE_101, "附件1", "", False, _101_URL, _101_BODY),
    "declared-target-vague": Source(GUIDE_101, "附件1", "", False, _101_URL, _101_BODY),
    "qualitative-grades-missing": Source(GUIDE_101, "附件1", "", False, _101_URL, _101_BODY),
    "cost-above-standard": Source(GUIDE_101, "附件1", "", False, _101_URL, _101_BODY),
    "satisfaction-survey-missing": Source(GUIDE_101, "附件1", "", False, _101_URL, _101_BODY),
    "declaration-field-missing": Source(GUIDE_101, "附件1", "", False, _101_URL, _101_BODY),
    "duplicate-indicator": Source(GUIDE_101, "附件1", "", False, _101_URL, _101_BODY),
    "declared-weights-sum": Source(
        NOTICE_2016, "二、绩效自评主要方法",
        "一级指标权重统一设置为:产出指标50分、效益指标30分、服务对象满意度指标10分、预算资金执行率10分。"
        "如有特殊情况,上述权重可做适当调整,但加总后应等于100%。",
        True, _2016_FULL_URL, "该通知针对中央部门项目支出绩效自评；申报时按同一分值体系设置。"),
    "target-equals-last-actual": Source(GUIDE_101, "附件1“历史标准”", "", False, _101_URL, _101_BODY),
    "target-changed": Source(
        MEASURES_88, "第二十八条",
        "绩效目标确定后,一般不予调整。预算执行中因特殊原因确需调整的,应按照绩效目标管理要求和预算调整流程报批。",
        True, _88_URL),
    "weight-changed": Source(
        MEASURES_88, "第二十八条",
        "绩效目标确定后,一般不予调整。预算执行中因特殊原因确需调整的,应按照绩效目标管理要求和预算调整流程报批。",
        True, _88_URL),
    "indicator-not-declared": Source(
        MEASURES_88, "第二十九条",
        "中央部门及所属单位应按照批复的绩效目标组织预算执行,并根据设定的绩效目标开展绩效监控、绩效自评和绩效评价。",
        True, _88_URL),
    "declared-indicator-missing": Source(
        NOTICE_2016, "一、（三）确保评价真实客观",
        "各部门对照年初预算设定的绩效目标及指标值,对应填报年度实际完成值。", True, _2016_URL),
    "target-below-last-actual": Source(GUIDE_101, "附件1“历史标准”", "", False, _101_URL, _101_BODY),
    "target-not-raised": Source(
        PLATFORM, "超额完成130%须说明（广西分支，文件 id 54504033813）", "", True, "",
        "平台以130%为“超计划较大”的界线；连续两年超过而不提高目标，是 jixiao 据此设的历史检查。"),
    "target-lowered-after-miss": Source(GUIDE_101, "附件1“历史标准”", "", False, _101_URL, _101_BODY),
    "indicator-dropped-after-loss": Source(
        NOTICE_2016, "一、（三）确保评价真实客观",
        "绩效自评要实事求是,确保数据准确、分值合理、结果客观,严禁刻意抬高分数、弄虚作假。", True, _2016_URL),
    "self-score-inflated": Source(
        PLATFORM, "自评预警 selfwarnproject（文件 id 54647283312）",
        "when (nvl(s.score,0)/90-a.bgtscore/10)/(nvl(s.score,0)/90)>0.05 then 'red'", True, "",
        "即执行率低于指标得分率的95%（相对5%），不是“相差5个百分点”；政策依据为2016年通知“严禁刻意抬高分数”。"),
    "full-marks-low-execution": Source(
        PLATFORM, "自评预警 selfwarnproject（文件 id 54647283312）",
        "when (a.amt3-a.amt4)/a.amt3>0.2 then 'yellow'", True, "", "即预算执行率低于80%。"),
    "spending-behind-schedule": Source(
        PLATFORM, "预算执行预警 bgttracewarn（文件 id 54647283312）",
        "select case when value < 60 then 'red' when 60 <= value and value < 80 then 'yellow' "
        "when 80 <= value then 'green' end", True, "",
        "value = 执行率 ÷ 时间进度 × 100。政策依据：中发〔2018〕34号“双监控”；财预〔2019〕136号的正文未能读到。"),
    "progress-gap": Source(
        OPINION_34, "（经第三方转引）",
        "对绩效目标实现程度和预算执行进度实行“双监控”", True, "http://sthjj.jiaozuo.gov.cn/article.thtml?id=14749",
        "10个百分点的差距界线据 rules.md 所述的四川做法（川财绩〔2025〕10号），该文件未能读到，默认值可调整。"),
    "certain-but-impossible": Source(
        PLATFORM, "正向指标预警 positiveindex01（文件 id 54724561805）",
        "#indexval#/(#targetvalue#/12*#month#)*100", True, "",
        "按时间进度线性推算；“确定能/有可能/完全不可能”三档取自公开的监控表代码（文件 id 1359752178）。"),
    "forecast-missing": Source(
        PLATFORM, "监控表字段（文件 id 2083703840、54652209239）",
        "fYearRemark 全年预计完成情况; fAchieveGoals 完成目标可能性", True, "",
        "字段名取自公开代码；财预〔2019〕136号所附监控表的原文未能读到。"),
    "shortfall-unexplained": Source(
        PLATFORM, "监控表字段（文件 id 2083703840）",
        "fFundingDeviation 经费保障偏差原因; fGuarantee 制度保障偏差原因; fPersonnelProtection 人员保障偏差原因; "
        "fHardwareProtection 硬件保障偏差目标; fOtherProtection 其他偏差原因", True, ""),
    "forecast-above-trend": Source(
        PLATFORM, "正向指标预警 positiveindex01（文件 id 54724561805）",
        "#indexval#/(#targetvalue#/12*#month#)*100", True, ""),
    "certain-but-missed": Source(
        OPINION_34, "（经第三方转引）", "发现问题要及时纠正,确保绩效目标如期保质保量实现。", True,
        "http://www.9346878.com/sadclist/newsshow.php?id=1847086"),
}


def source_of(code: str) -> Source | None:
    return SOURCES.get(code)


def cite(code: str) -> str:
    """One line for a report: the document and article, and whether its text was verified."""
    source = SOURCES.get(code)
    if source is None:
        return ""
    text = f"{source.document}{source.article}"
    return text if source.verified else f"{text}（原文未能核实）"


__all__ = ["REVIEW_GRADES", "SOURCES", "Source", "cite", "source_of"]
