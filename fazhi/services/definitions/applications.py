"""The applications register (政务服务办件). Owned by the application work."""

from __future__ import annotations

from fazhi.core.registers import Column, Register, registry
from fazhi.services.actions import window as actions
from fazhi.services.forms.applications import ApplicationForm
from fazhi.services.models import Application

applications = registry.add(Register(
    key="applications", namespace="services", model=Application, label="一窗受理办件", module="services",
    form_class=ApplicationForm, filterset_class=None, select_related=("org_unit", "item"),
    ordering=("-submitted_on", "-id"), create=actions.receive_application, update=actions.update_application,
    columns=[Column("number", "办件编号", link=True), Column("item.name", "申请事项")], excel_columns=[],
))  # fmt: skip
