"""The modules of the staff site, in the order of the navigation. A module lists
the registers that declare it (Register.module); one without any says so."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Module:
    key: str
    label: str
    description: str


MODULES: list[Module] = [
    Module("enforcement", "行政执法", "执法主体、执法事项、执法人员、案件办理、法制审核、执法公示与案卷评查"),
    Module("services", "政务服务", "政务服务事项清单、权责清单、一窗受理、联审联办、市场主体"),
    Module("decisions", "依法决策", "重大行政决策、行政规范性文件、法律顾问与合同审查"),
    Module("disputes", "矛盾纠纷", "人民调解组织、矛盾纠纷排查化解、行政复议、行政应诉"),
    Module("oversight", "监督问责", "政务公开、建议提案办理、督查整改、挂图作战、专题会议"),
    Module("education", "学法普法", "学法活动、法治宣讲、公共法律服务"),
    Module("emergency", "应急管理", "应急预案、应急演练、应急队伍"),
    Module("reports", "统计报告", "法治政府建设年度报告、统计与预警"),
    Module("basic", "基础数据", "组织单位、岗位与人员"),
    Module("system", "系统管理", "节假日日历、账号与审计"),
]
BY_KEY = {m.key: m for m in MODULES}


@dataclass(frozen=True)
class Link:
    """A page of a module that is not a register (the audit log, for one)."""

    label: str
    description: str
    list_url: str


def registers_of(module_key: str, user) -> list:
    from django.urls import reverse
    from django.utils import timezone

    from fazhi.core.registers import registry

    found: list = [r for r in registry.values() if r.module == module_key and r.can(user, "view")]
    if module_key == "enforcement" and user.has_perm("enforcement.view_case") and user.org_unit_id:
        found.append(
            Link(
                "执法统计",
                "按年度、事项、村、程序和职权来源统计案件与罚款",
                reverse("enforcement:statistics"),
            )
        )
    if module_key == "decisions" and user.has_perm("decisions.view_advisoractivity") and user.org_unit_id:
        found.append(
            Link(
                "法律顾问履职统计",
                "按年度统计合同审查、培训讲座和列席决策会议",
                reverse("decisions:advisor-figures"),
            )
        )
    if module_key == "disputes" and user.has_perm("disputes.view_dispute") and user.org_unit_id:
        found.append(
            Link(
                "矛盾纠纷统计",
                "按年度统计纠纷排查化解，按村（社区）和类别",
                reverse("disputes:dispute-figures"),
            )
        )
    if module_key == "disputes" and user.has_perm("disputes.view_mediationcommittee") and user.org_unit_id:
        found.append(
            Link(
                "人民调解组织统计",
                "按年度统计调解委员会、调解室、调解员和矛盾纠纷排查",
                reverse("disputes:mediation-figures"),
            )
        )
    if module_key == "emergency" and user.has_perm("emergency.view_drill") and user.org_unit_id:
        found.append(
            Link("应急演练统计", "按年度统计应急演练次数、类型和参演人数", reverse("emergency:drill-figures"))
        )
    if module_key == "education" and user.has_perm("education.view_outreachevent") and user.org_unit_id:
        found.append(
            Link("学法普法统计", "按年度统计学法、普法宣讲和公共法律服务", reverse("education:figures"))
        )
    if module_key == "services" and user.has_perm("services.view_marketentity") and user.org_unit_id:
        found.append(
            Link(
                "市场主体统计", "按年度统计新增企业、个体工商户等市场主体", reverse("services:market-figures")
            )
        )
    if module_key == "services" and user.has_perm("services.view_application") and user.org_unit_id:
        found.append(
            Link(
                "一窗受理统计",
                "按年度统计事项清单、收件受理、办理时效、跑动次数和好差评",
                reverse("services:window-figures"),
            )
        )
    if module_key == "services" and user.has_perm("services.view_serviceitem") and user.org_unit_id:
        found.append(
            Link(
                "权责清单",
                "本镇行政权力事项：政务服务事项和执法事项，设定依据和责任岗位",
                reverse("services:power-list"),
            )
        )
    if module_key == "oversight" and user.org_unit_id:
        for perm, label, help_text, name in (
            (
                "oversight.view_infoitem",
                "政府信息公开年度报告",
                "按条例第五十条五部分统计主动公开和依申请公开",
                "oversight:disclosure-report",
            ),
            (
                "oversight.view_proposal",
                "建议提案办理统计",
                "按年度统计办复件数和满意率",
                "oversight:proposals-figures",
            ),
            (
                "oversight.view_inspection",
                "督查整改统计",
                "督查、评议、司法建议发现问题的按期销号情况",
                "oversight:inspections-figures",
            ),
        ):
            if user.has_perm(perm):
                found.append(Link(label, help_text, reverse(name)))
    if module_key == "reports" and user.has_perm("reports.view_report") and user.org_unit_id:
        year = timezone.localdate().year - 1
        found += [
            Link(
                "驾驶舱",
                "执法、纠纷、政务服务、任务、整改和培训图表，点击可查看记录",
                reverse("reports:dashboard"),
            ),
            Link("预警", "各台账逾期和临期事项：我的、本单位，可导出", reverse("reports:warnings")),
            Link("监督预警模型", "各模型的规则、阈值和命中情况", reverse("reports:flags-models")),
            Link(
                "法治政府建设年度报告模板",
                "本镇报告的文字、部分顺序、数字写法和期限",
                reverse("reports:template", args=["annual"]),
            ),
            Link(
                "政府信息公开年度报告模板",
                "条例第五十条五部分的文字和表格",
                reverse("reports:template", args=["disclosure"]),
            ),
            Link(
                f"{year}年报告预览",
                "按模板和当前台账生成，数字链接到台账记录",
                reverse("reports:preview", args=["annual", year]),
            ),
            Link("各镇报告情况", "全县各镇报告的办理状态和主要数据对照", reverse("reports:county")),
        ]
    if module_key == "system" and user.has_perm("core.view_auditevent"):
        found.append(Link("审计日志", "全部操作留痕的查询与导出（仅审计管理员）", reverse("audit-log")))
    return found
