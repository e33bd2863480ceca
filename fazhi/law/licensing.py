"""Administrative licensing: 行政许可法 (2019 amendment).

Every period the agency has under this law is in working days (第82条). Time spent
on hearings, tendering, auctions, testing, inspection, quarantine and expert review
is not counted (第45条): the caller adds it to the start, or suspends the clock.
"""

from __future__ import annotations

from datetime import date

from fazhi.law.base import AGENCY, WORKING_DAYS, Law, Period, Version

LICENSING_LAW = Law(
    "中华人民共和国行政许可法",
    "行政许可法",
    in_force=date(2019, 4, 23),
    note="2019年4月23日修正",
)

MISSING_ITEMS = Period(
    "licensing_missing_items",
    "一次告知申请人需要补正的全部内容",
    Version(5, WORKING_DAYS, LICENSING_LAW, 32),
    holder=AGENCY,
    note="当场或者自收到申请材料之日起计算；逾期不告知的，自收到申请材料之日起即为受理",
)
DECISION = Period(
    "licensing_decision",
    "作出行政许可决定",
    Version(20, WORKING_DAYS, LICENSING_LAW, 42),
    holder=AGENCY,
    note="自受理之日起计算；法律、法规另有规定的从其规定",
)
DECISION_EXTENSION = Period(
    "licensing_decision_extension",
    "行政许可决定期限延长",
    Version(10, WORKING_DAYS, LICENSING_LAW, 42),
    holder=AGENCY,
    note="经本行政机关负责人批准并告知申请人理由；自原期限届满之日起计算",
)
JOINT_DECISION = Period(
    "licensing_joint_decision",
    "统一办理、联合办理、集中办理的办理期限",
    Version(45, WORKING_DAYS, LICENSING_LAW, 42),
    holder=AGENCY,
)
JOINT_DECISION_EXTENSION = Period(
    "licensing_joint_decision_extension",
    "统一办理、联合办理、集中办理的期限延长",
    Version(15, WORKING_DAYS, LICENSING_LAW, 42),
    holder=AGENCY,
    note="经本级人民政府负责人批准并告知申请人理由；自原期限届满之日起计算",
)
CERTIFICATE = Period(
    "licensing_certificate",
    "颁发、送达行政许可证件",
    Version(10, WORKING_DAYS, LICENSING_LAW, 44),
    holder=AGENCY,
    note="自作出准予行政许可决定之日起计算",
)

# What stops the clock: the time these take is not counted in the agency's periods,
# and the applicant is told in writing how long they will take (第45条).
UNCOUNTED_ARTICLE = 45
UNCOUNTED_PROCEDURES: dict[str, str] = {
    "hearing": "听证",
    "tender": "招标、拍卖",
    "testing": "检验、检测、检疫",
    "appraisal": "鉴定",
    "expert": "专家评审",
}

PERIODS = (MISSING_ITEMS, DECISION, DECISION_EXTENSION, JOINT_DECISION, JOINT_DECISION_EXTENSION, CERTIFICATE)
THRESHOLDS = ()
