"""The service list register (政务服务事项清单). Owned by the service-list work."""

from __future__ import annotations

from fazhi.core.registers import Column, Register, registry
from fazhi.services.actions import window as actions
from fazhi.services.forms.items import ServiceItemForm
from fazhi.services.models import ServiceItem

service_items = registry.add(Register(
    key="service-items", namespace="services", model=ServiceItem, label="政务服务事项清单", module="services",
    form_class=ServiceItemForm, filterset_class=None, select_related=("org_unit",), ordering=("code",),
    create=actions.create_item, update=actions.update_item,
    columns=[Column("code", "事项编码", link=True), Column("name", "事项名称")], excel_columns=[],
))  # fmt: skip
