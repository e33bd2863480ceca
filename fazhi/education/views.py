"""The education figures page (学法普法统计): report-figures.md rows 1, 17 and 18
for the user's unit and a year, each linked to the filtered list it counts."""

from __future__ import annotations

from django.shortcuts import render

from fazhi.core.registers.views import figures_scope, figures_years
from fazhi.education.choices import REPORT_STUDY_KINDS, ServiceKind, StudyKind, VenueKind
from fazhi.education.definitions import legal_services, outreach_events, study_sessions
from fazhi.education.statistics import outreach_figures, service_figures, study_figures


def figures_page(request):
    """Rows 1, 17 and 18 of the annual report for the user's unit, with their breakdowns."""
    unit, year = figures_scope(request, study_sessions, outreach_events, legal_services)
    study, outreach, services = (
        study_figures(unit, year),
        outreach_figures(unit, year),
        service_figures(unit, year),
    )
    scope = {"org_unit": unit.pk, "year": year}
    kinds = "、".join(StudyKind(k).label for k in REPORT_STUDY_KINDS)
    rows = [
        ("一(一)", "集中学习习近平法治思想", f"{study.counted}次",
         study_sessions.filtered_url(counted="true", **scope), f"{kinds}的法治专题学习"),
        ("一(六)", "法治宣讲", f"{outreach.events}场次", outreach_events.filtered_url(**scope),
         "本年度开展的普法活动"),
        ("一(六)", "宣传群众", f"{outreach.audience}人次", outreach_events.filtered_url(**scope),
         "上述普法活动的受众人次之和"),
        ("一(六)", "公共法律服务", f"{services.records}次", legal_services.filtered_url(**scope),
         "本年度提供的公共法律服务"),
    ]  # fmt: skip
    breakdowns = [
        ("学法活动（按学习形式）", [
            (StudyKind(k).label, n, study_sessions.filtered_url(kind=k, **scope)) for k, n in study.by_kind.items()
        ]),
        ("普法活动（按活动场所）", [
            (VenueKind(k).label, n, outreach_events.filtered_url(venue_kind=k, **scope))
            for k, n in outreach.by_venue.items()
        ] + [("其中：国家宪法日活动", outreach.constitution_day,
              outreach_events.filtered_url(constitution_day="true", **scope))]),
        ("公共法律服务（按服务类型）", [
            (ServiceKind(k).label, n, legal_services.filtered_url(kind=k, **scope)) for k, n in services.by_kind.items()
        ]),
    ]  # fmt: skip
    return render(request, "education/figures.html", {
        "unit": unit, "year": year, "years": figures_years(), "rows": rows, "breakdowns": breakdowns,
        "study": study, "outreach": outreach, "services": services,
    })  # fmt: skip
