"""Reads of the service list for the power and responsibility list (权责清单) and the
portal's service guides (办事指南).

The power list is one table of a town's powers: its published service items, by the
item's kind (行政许可, 行政确认, 行政给付, 公共服务, 其他行政权力), and its active
enforcement matters (行政处罚), each with its code, name, basis and responsible post.
Its rows cost two queries whatever their number: one for the items, one for the
matters, each joined to its post and the post's office.

What the portal shows is built here as plain dicts from an allow-list of fields, as
fazhi/portal/selectors.py does: only published items, and every text typed by staff
scrubbed once more of ID and mobile numbers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from fazhi.core.models import OrgUnit, Post
from fazhi.enforcement.models import Matter
from fazhi.portal.selectors import public_matters, scrub, unit_label
from fazhi.services.choices import ItemKind, ItemStatus
from fazhi.services.models import ServiceItem

PENALTY = "penalty"
PENALTY_LABEL = "行政处罚"
# The power kinds of the list, in its order: the items' kinds, then the penalties.
POWER_KINDS: list[tuple[str, str]] = [*ItemKind.choices, (PENALTY, PENALTY_LABEL)]
_ORDER = {code: n for n, (code, _) in enumerate(POWER_KINDS)}
VISITS_LABELS = {0: "零跑腿", 1: "最多跑一次"}


def post_label(post: Post | None) -> str:
    """ "民生服务办公室·社会救助岗": a post with its office (select the office with it)."""
    if post is None:
        return ""
    return f"{post.org_unit.name}·{post.name}"


def limits_text(item: ServiceItem) -> tuple[str, str]:
    """(statutory, promised) as a guide writes them."""
    statutory = "无" if item.statutory_days is None else f"{item.statutory_days}个工作日"
    promised = "即办（当场办结）" if item.promised_days == 0 else f"{item.promised_days}个工作日"
    return statutory, promised


# -- the power and responsibility list (权责清单) -------------------------------------------------


def published_items() -> QuerySet:
    return ServiceItem.objects.filter(status=ItemStatus.PUBLISHED)


def staff_powers(user) -> tuple[QuerySet, QuerySet]:
    """The powers of the units a user sees: the published items, and the active matters
    when the user may read the enforcement list."""
    items = ServiceItem.objects.visible_to(user).filter(status=ItemStatus.PUBLISHED)
    matters = Matter.objects.none()
    if user.has_perm("enforcement.view_matter"):
        matters = Matter.objects.visible_to(user).filter(is_active=True)
    return items, matters


def public_powers(town: OrgUnit) -> tuple[QuerySet, QuerySet]:
    """A town's powers as the portal publishes them: its published items and its public
    matters (active; an entrusted one while its entrusting body is active)."""
    items = published_items().filter(org_unit__path__startswith=town.path)
    matters = public_matters().filter(org_unit__path__startswith=town.path)
    return items, matters


def _staff_item_url(item: ServiceItem) -> str:
    return item.get_absolute_url()


def _staff_matter_url(matter: Matter) -> str:
    return matter.get_absolute_url()


def power_rows(
    items: QuerySet,
    matters: QuerySet,
    *,
    kind: str = "",
    q: str = "",
    item_url: Callable[[ServiceItem], str] = _staff_item_url,
    matter_url: Callable[[Matter], str] = _staff_matter_url,
) -> list[dict[str, Any]]:
    """The rows of the power list, items first by kind, then the matters; each by code.
    `kind` narrows to one power kind (a value of POWER_KINDS), `q` to a code or name."""
    rows: list[dict[str, Any]] = []
    text = (q or "").strip()
    search = Q(code__icontains=text) | Q(name__contains=text) if text else Q()
    if kind != PENALTY:
        qs = items.filter(search)
        if kind:
            qs = qs.filter(kind=kind)
        for item in qs.select_related("responsible_post__org_unit").order_by("code", "id"):
            rows.append({
                "kind": item.kind, "kind_label": item.get_kind_display(), "code": item.code, "name": item.name,
                "basis": item.basis.strip(), "authority": "", "post": post_label(item.responsible_post),
                "url": item_url(item),
            })  # fmt: skip
    if not kind or kind == PENALTY:
        qs = matters.filter(search).select_related("responsible_post__org_unit").order_by("code", "id")
        for matter in qs:
            rows.append({
                "kind": PENALTY, "kind_label": PENALTY_LABEL, "code": matter.code, "name": matter.name,
                "basis": f"违法依据：{matter.violation_basis}\n处罚依据：{matter.penalty_basis}",
                "authority": matter.get_authority_display(), "post": post_label(matter.responsible_post),
                "url": matter_url(matter),
            })  # fmt: skip
    rows.sort(key=lambda r: _ORDER.get(r["kind"], len(_ORDER)))  # stable: the code order stays
    return rows


def power_counts(rows: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    """(code, label, count) of each power kind present, in the list's order."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["kind"]] = counts.get(row["kind"], 0) + 1
    return [(code, label, counts[code]) for code, label in POWER_KINDS if code in counts]


POWER_HEADERS = ["序号", "权力类型", "事项编码", "事项名称", "设定依据", "职权来源", "责任岗位"]
POWER_WIDTHS = [6, 12, 18, 36, 60, 10, 26]


def power_sheet_rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [n, r["kind_label"], r["code"], r["name"], r["basis"], r["authority"], r["post"]]
        for n, r in enumerate(rows, start=1)
    ]


# -- the portal: service guides (办事指南) and the published power list -----------------------------


def guides(town: OrgUnit | None = None, q: str = "", kind: str = "") -> QuerySet:
    """The published items, of one town when given, by name or code, of one kind."""
    qs = published_items().select_related("org_unit__parent")
    if town is not None:
        qs = qs.filter(org_unit__path__startswith=town.path)
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("org_unit__path", "code", "id")


def guide_row(item: ServiceItem) -> dict[str, Any]:
    statutory, promised = limits_text(item)
    return {
        "pk": item.pk,
        "code": item.code,
        "name": item.name,
        "kind": item.get_kind_display(),
        "town": unit_label(item.org_unit),
        "statutory": statutory,
        "promised": promised,
        "visits": item.visits_needed,
        "visits_label": VISITS_LABELS.get(item.visits_needed, f"{item.visits_needed}次"),
        "online": item.online,
    }


def guide_detail(item: ServiceItem) -> dict[str, Any]:
    """The whole guide of a published item: what the public needs to apply, and who
    handles it (the post, never a person)."""
    post = item.responsible_post
    return {
        **guide_row(item),
        "basis": scrub(item.basis.strip()),
        "conditions": scrub(item.conditions.strip()),
        "materials": [scrub(m) for m in item.material_list()],
        "fees": scrub(item.fees.strip()),
        "procedure": scrub(item.procedure.strip()),
        "location": scrub(item.location.strip()),
        "hours": scrub(item.hours.strip()),
        "phone": scrub(item.phone.strip()),
        "post": post_label(post) if post is not None else "",
        "published_on": item.published_on,
    }


def portal_power_rows(town: OrgUnit, kind: str = "", q: str = "") -> list[dict[str, Any]]:
    """The town's published power list, each row linked to its public page."""
    items, matters = public_powers(town)
    rows = power_rows(
        items, matters, kind=kind, q=q,
        item_url=lambda i: reverse("portal:service-guide", args=[i.pk]),
        matter_url=lambda m: reverse("portal:matter", args=[m.pk]),
    )  # fmt: skip
    for row in rows:
        row["basis"] = scrub(row["basis"])
    return rows
