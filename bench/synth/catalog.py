"""What synthetic evaluations are made of: the indicator names, units and value shapes of the
seed's ten 项目支出绩效自评表 (../shared/seed), grouped by 一级/二级 指标.

A template's `shape` says how its target and actual are drawn (see build.py):
  rate      '100%' or '≥90%', a completion rate
  count     '≥35次' or '30份', a number of things
  amount    '28亿元', '11万票' — a scale word before the base unit
  cap       '≤200人次', '≤150元/人/天' — a reverse (≤) target
  costdev   '≤5%' 达标项目成本控制偏差率, derived from the funds, never typed freely
  zero      '=0起' — nothing may happen
  satisfied '≥85%' a satisfaction survey
  timely    '及时' and the graded words 基本及时/不太及时/不及时
  has       '具有' (项目可持续性) or '达成'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    level1: str
    level2: str
    name: str
    shape: str
    unit: str = ""
    low: int = 1  # target range for count/amount/cap shapes
    high: int = 100
    word: str = ""  # the target word for timely/has shapes


OUTPUT, EFFECT, SATISFACTION = "产出指标", "效益指标", "满意度指标"
LEVEL1_WEIGHTS = {OUTPUT: 100, EFFECT: 60, SATISFACTION: 20}  # in half points: 50/30/10


def _t(level1: str, level2: str, rows: list[tuple]) -> list[Template]:
    return [Template(level1, level2, *row) for row in rows]


QUANTITY = _t(OUTPUT, "数量指标", [
    ("订阅报刊杂志数", "count", "份", 50, 300),
    ("招商手册制作完成数", "count", "份", 10, 200),
    ("国内招商拜访企业数量", "count", "次", 10, 80),
    ("新认定高新技术企业数", "count", "家", 2, 30),
    ("完成商务接待数", "count", "次", 20, 120),
    ("培训次数", "count", "次", 1, 12),
    ("排查企业数", "count", "家", 10, 60),
    ("专项行动检查次数", "count", "次", 1, 12),
    ("安全生产教育培训", "count", "次", 2, 10),
    ("全年定期隐患排查次数", "count", "次", 2, 12),
    ("新增海关备案注册企业数", "count", "家", 10, 80),
    ("货物签证", "count", "份", 1000, 9000),
    ("物业服务人员数量", "count", "人", 5, 40),
    ("入党积极分子培养人数", "count", "人", 1, 10),
    ("综合党委党团专题会议完成数", "count", "次", 4, 24),
    ("文明创建专题活动开展完成数", "count", "次", 2, 10),
    ("检验检疫处理通知书", "count", "份", 20, 200),
    ("进出口报关票数", "amount", "万票", 5, 20),
    ("监管进出口集装箱", "amount", "万TEU", 20, 80),
    ("进出口货运量", "amount", "万吨", 300, 1200),
    ("部门维持在职人员完成率", "rate"),
    ("车辆运行维护完成率", "rate"),
    ("审计咨询完成率", "rate"),
    ("水电网供给率", "rate"),
    ("项目签约金额完成率", "rate"),
    ("大型招商推介活动完成率", "rate"),
    ("系统运维完成率", "rate"),
    ("路灯照明完成率", "rate"),
    ("道路清扫保洁完成率", "rate"),
    ("党组织信息采集率", "rate"),
    ("基层党建覆盖率", "rate"),
    ("公务接待人次", "cap", "人次", 100, 400),
])

QUALITY = _t(OUTPUT, "质量指标", [
    ("租赁用房空间利用率", "rate"),
    ("固定资产利用率", "rate"),
    ("目标完成质量达标率", "rate"),
    ("招商政策兑现及评审报告通过率", "rate"),
    ("党员专项培训合格率", "rate"),
    ("阵地建设质量达标率", "rate"),
    ("一二期绿化养护保质率", "rate"),
    ("园区道路清扫保洁度", "rate"),
    ("功能指标达成率", "rate"),
    ("安全生产事故发生数", "zero", "起"),
    ("重大故障发生次数", "zero", "次"),
])

TIMELINESS = _t(OUTPUT, "时效指标", [
    ("公文督办回复及时性", "timely", "", 0, 0, "及时"),
    ("报销及支付及时性", "timely", "", 0, 0, "及时"),
    ("设备购置及时性", "timely", "", 0, 0, "及时"),
    ("计划工作完成及时性", "timely", "", 0, 0, "及时"),
    ("重大活动完成及时性", "timely", "", 0, 0, "及时"),
    ("安全排查及时性", "timely", "", 0, 0, "及时"),
    ("垃圾清运的及时性", "timely", "", 0, 0, "及时"),
    ("经费拨付是否及时", "timely", "", 0, 0, "及时"),
    ("基层党组织建设完成及时率", "rate"),
])

COST = _t(OUTPUT, "成本指标", [
    ("三公经费成本控制率", "cap", "%", 50, 90),
    ("服务人员劳务成本控制", "cap", "元/人/天", 100, 300),
    ("单位面积物业费", "cap", "元/平方米/月", 3, 12),
])
COST_DEVIATION = Template(OUTPUT, "成本指标", "达标项目成本控制偏差率", "costdev", "%")

ECONOMIC = _t(EFFECT, "经济效益指标", [
    ("税收入库", "amount", "亿元", 5, 60),
    ("工业投资总额完成率", "rate"),
    ("外贸进出口总额完成率", "rate"),
    ("招商引资总额", "amount", "亿元", 10, 150),
])
SOCIAL = _t(EFFECT, "社会效益指标", [
    ("部门工作正常开展率", "rate"),
    ("认知度提高率", "satisfied"),
    ("区域覆盖率", "satisfied"),
    ("企业覆盖率", "satisfied"),
    ("获得社会荣誉称号", "count", "项", 1, 5),
    ("提升园区企业工作生活质量", "rate"),
    ("结对共创和谐社会", "has", "", 0, 0, "完成"),
    ("通关便利化水平提升", "has", "", 0, 0, "达成"),
])
ECOLOGICAL = _t(EFFECT, "生态效益指标", [
    ("园区绿化覆盖率", "satisfied"),
    ("生活垃圾无害化处理率", "rate"),
])
SUSTAINABILITY = Template(EFFECT, "可持续影响指标", "项目可持续性", "has", word="具有")

SATISFIED = _t(SATISFACTION, "服务对象满意度指标", [
    ("服务对象满意度", "satisfied"),
    ("办公环境质量满意度", "satisfied"),
    ("职工食堂服务满意度", "satisfied"),
    ("园区安全生产培训满意度", "satisfied"),
    ("志愿者活动开展满意度", "satisfied"),
    ("系统运维满意率", "satisfied"),
])

PROJECT_NAMES = [
    "园区行政管理事务类专项", "安全生产专项", "招商工作专项", "基层活动专项", "花山港运维专项",
    "驻区海关专项", "园区日常维护专项", "公共服务平台系统运维费", "联合办税服务点经费", "党群工作专项",
    "城市管理专项", "科技创新扶持专项", "人才引进专项", "信息化建设专项", "环境保护专项",
    "市政道路养护专项", "社区治理专项", "公共卫生服务专项", "就业创业补助专项", "文化旅游推广专项",
]
PLACES = ["东湖", "光谷", "江夏", "洪山", "汉阳", "武昌", "青山", "蔡甸", "黄陂", "新洲"]
BODIES = [
    "综合保税区建设管理办公室", "财政局", "城市管理执法局", "科技创新局", "社会事务局",
    "政务服务局", "生态环境局", "人才工作局", "商务局", "应急管理局",
]
GOAL_TEXTS = [
    ("负责日常综合管理工作，维持办公场所运转。", "做好运行工作经费保障，维持日常活动所需。"),
    ("确保安全生产经费有保障，保障园区安全生产零事故。", "全年安全生产零事故，及时完成隐患排查。"),
    ("推进产业发展和园区建设，加大招商宣传。", "完成招商推介和企业走访，引进项目落地。"),
    ("保障园区绿化和道路清扫保洁，营造整洁环境。", "完成绿化养护和道路保洁，园区环境改善。"),
]
REASONS_MISSED = [
    "受预算调整影响，部分工作延至下一年度完成，下一步将加强计划管理。",
    "项目实施进度滞后，已督促相关单位加快推进。",
    "部分费用未在规定期限内完成报账，将加强财务管理。",
    "受外部因素影响未完全达成目标，后期将优化实施方案。",
]
REASONS_OVER = [
    "业务需求增加，超额完成年度目标；下一年度将据实调整指标值。",
    "企业申报积极性高，完成数超出预期，年度目标设定偏低，次年调整。",
]
