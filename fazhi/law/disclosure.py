"""Government information disclosure: 政府信息公开条例 (2019 revision).

Every period of this regulation is stated in working days.
"""

from __future__ import annotations

from datetime import date

from fazhi.law.base import AGENCY, PARTY, WORKING_DAYS, AnnualDeadline, Law, Period, Version

DISCLOSURE_REGULATION = Law(
    "中华人民共和国政府信息公开条例",
    "政府信息公开条例",
    in_force=date(2019, 5, 15),
    note="2019年4月3日修订",
)

PROACTIVE = Period(
    "disclosure_proactive",
    "主动公开政府信息",
    Version(20, WORKING_DAYS, DISCLOSURE_REGULATION, 26),
    holder=AGENCY,
    note="自该政府信息形成或者变更之日起计算；法律、法规另有规定的从其规定",
)
REQUEST_CORRECTION = Period(
    "disclosure_request_correction",
    "一次性告知申请人补正",
    Version(7, WORKING_DAYS, DISCLOSURE_REGULATION, 30),
    holder=AGENCY,
    note="申请内容不明确的，自收到申请之日起计算",
)
THIRD_PARTY_OPINION = Period(
    "disclosure_third_party_opinion",
    "第三方提出意见",
    Version(15, WORKING_DAYS, DISCLOSURE_REGULATION, 32),
    holder=PARTY,
    note="自收到征求意见书之日起计算；逾期未提出意见的，由行政机关依照条例决定是否公开",
)
REQUEST_REPLY = Period(
    "disclosure_request_reply",
    "答复政府信息公开申请",
    Version(20, WORKING_DAYS, DISCLOSURE_REGULATION, 33),
    holder=AGENCY,
    note="自收到申请之日起计算；征求第三方和其他机关意见所需时间不计算在内",
)
REQUEST_REPLY_EXTENSION = Period(
    "disclosure_request_reply_extension",
    "延长答复期限（最多一次）",
    Version(20, WORKING_DAYS, DISCLOSURE_REGULATION, 33),
    holder=AGENCY,
    note="经政府信息公开工作机构负责人同意并告知申请人；自原期限届满之日起计算",
)

PERIODS = (PROACTIVE, REQUEST_CORRECTION, THIRD_PARTY_OPINION, REQUEST_REPLY, REQUEST_REPLY_EXTENSION)
THRESHOLDS = ()

# The yearly report on disclosure work (第49条, its content 第50条). The article sets
# 31 January for the departments of governments at county level and above and
# 31 March for those governments; a town's report is commonly due with the
# departments', by 31 January (local practice), hence configurable.
ANNUAL_REPORT_PUBLICATION = AnnualDeadline(
    "disclosure_annual_report_publication",
    "向社会公布上一年度政府信息公开工作年度报告",
    1,
    31,
    DISCLOSURE_REGULATION,
    49,
    configurable=True,
    note="乡镇按县级人民政府部门的期限执行（各地做法），可按本地要求调整",
)
ANNUAL_REPORT_PARTS_ARTICLE = 50
ANNUAL_DEADLINES = (ANNUAL_REPORT_PUBLICATION,)
