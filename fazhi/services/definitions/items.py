"""The service list register (政务服务事项清单): the town's government service items
with their guides (办事指南). An item is made and changed through its register (pages,
API, Excel import: services.actions.window.create_item / update_item); it goes on the
published list and off it only by the publish and withdraw steps of its page.

The Excel ledger: the kind by its label, the time limits as whole working days (the
statutory one empty when the law sets none), the materials one per line in their
cell, the posts by code or name (several review posts separated by 、 , or ；)."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Q

from fazhi.core.definitions import parse_bool, parse_choice, parse_org_unit, parse_text
from fazhi.core.registers import Column, ExcelColumn, Register, registry
from fazhi.services.actions import window as actions
from fazhi.services.choices import ItemKind
from fazhi.services.filters.items import ServiceItemFilter
from fazhi.services.forms.items import ServiceItemForm, posts_visible_to
from fazhi.services.models import ServiceItem
from fazhi.services.models.window import split_materials

_POST_SEPARATORS = re.compile(r"[、,，;；\n]+")
_VISIT_WORDS = {"0": 0, "0次": 0, "零跑腿": 0, "0次（零跑腿）": 0,
                "1": 1, "1次": 1, "最多跑一次": 1, "1次（最多跑一次）": 1}  # fmt: skip


# -- cells ------------------------------------------------------------------------------------


def _text(raw: Any) -> str:
    return "" if raw is None else str(raw).strip()


def parse_days(raw: Any, user: Any) -> int | None:
    """Whole working days: 20, "20", "20个工作日"; empty is none (no statutory limit)."""
    if raw in (None, ""):
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = _text(raw).removesuffix("个工作日").removesuffix("工作日").removesuffix("天").strip()
    if text == "即办":
        return 0
    if not text.isdigit():
        raise ValueError("应为工作日数（整数），如 20；即办件填 0")
    value = int(text)
    if value > 365:
        raise ValueError("不能超过365个工作日")
    return value


def parse_visits(raw: Any, user: Any) -> int | None:
    text = _text(raw)
    if not text:
        return None
    if text in _VISIT_WORDS:
        return _VISIT_WORDS[text]
    raise ValueError("应为 0（零跑腿）或 1（最多跑一次）")


def parse_materials(raw: Any, user: Any) -> str:
    return "\n".join(split_materials(_text(raw)))


def _find_posts(user: Any, names: list[str]) -> dict[str, Any]:
    """The posts the user sees named by a code or a name, in one query: {word: post},
    a word naming two posts mapped to None."""
    found: dict[str, Any] = {}
    for post in posts_visible_to(user).filter(Q(code__in=names) | Q(name__in=names)):
        for word in {post.code, post.name} & set(names):
            found[word] = None if word in found and found[word].pk != post.pk else post
    return found


def _post_error(word: str, found: dict[str, Any]) -> str:
    if word in found:
        return f"有多个岗位叫“{word}”，请填写岗位代码"
    return f"岗位“{word}”不存在或不在本单位"


def parse_one_post(raw: Any, user: Any) -> int | None:
    """A post by its code or name, among the posts the user sees."""
    word = _text(raw)
    if not word:
        return None
    found = _find_posts(user, [word])
    if found.get(word) is None:
        raise ValueError(_post_error(word, found))
    return found[word].pk


def parse_posts(raw: Any, user: Any) -> list[int]:
    """Posts by code or name, separated by 、 , or ；."""
    words = list(dict.fromkeys(w.strip() for w in _POST_SEPARATORS.split(_text(raw)) if w.strip()))
    if not words:
        return []
    found = _find_posts(user, words)
    wrong = [_post_error(w, found) for w in words if found.get(w) is None]
    if wrong:
        raise ValueError("；".join(wrong))
    return [found[w].pk for w in words]


def _review_posts_cell(item: ServiceItem) -> str:
    return "、".join(p.code for p in item.review_posts.all())


def _responsible_post_cell(item: ServiceItem) -> str:
    return item.responsible_post.code if item.responsible_post_id else ""


class LimitsColumn(Column):
    """The list's "法定/承诺" column: 20 / 15, 无 for no statutory limit, 即办 for 0."""

    def value(self, obj: ServiceItem) -> str:
        statutory = "无" if obj.statutory_days is None else str(obj.statutory_days)
        promised = "即办" if obj.promised_days == 0 else str(obj.promised_days)
        return f"{statutory} / {promised}"


# -- the register ----------------------------------------------------------------------------------

service_items = registry.add(Register(
    key="service-items", namespace="services", model=ServiceItem, label="政务服务事项清单", module="services",
    description="本镇政务服务事项及其办事指南：设定依据、法定和承诺办结时限（工作日）、申请材料、收费、联审会签岗位、"
                "到现场次数和网上办理。事项经公布后列入清单、在公开平台公布办事指南，方可受理申请（清单之外无审批）。",
    import_note="“系统编号”留空为新增事项（草稿，须在事项页面公布）；“所属单位代码”留空的，登记在您所在的乡镇；"
                "申请材料每行一项；岗位填写岗位代码或名称，多个联审会签岗位用“、”分隔；法定办结时限未规定的留空。",
    form_class=ServiceItemForm, filterset_class=ServiceItemFilter,
    select_related=("org_unit", "responsible_post"), prefetch_related=("review_posts",),
    ordering=("code", "id"), create=actions.create_item, update=actions.update_item,
    columns=[Column("code", "事项编码", link=True, sort="code"), Column("name", "事项名称", sort="name"),
             Column("kind", "事项类型", sort="kind"), LimitsColumn("statutory_days", "时限（法定/承诺，工作日）"),
             Column("visits_needed", "到现场次数", sort="visits_needed"), Column("online", "网上办理"),
             Column("status", "状态", sort="status")],
    excel_columns=[
        ExcelColumn("所属单位代码", "org_unit", export=lambda i: i.org_unit.code, parse=parse_org_unit, width=14),
        ExcelColumn("事项编码", "code", parse=parse_text, required=True, width=18),
        ExcelColumn("事项名称", "name", parse=parse_text, required=True, width=30),
        ExcelColumn("事项类型", "kind", parse=parse_choice(ItemKind), required=True, width=12),
        ExcelColumn("设定依据", "basis", parse=parse_text, required=True, width=40),
        ExcelColumn("法定办结时限（工作日）", "statutory_days", parse=parse_days, width=12),
        ExcelColumn("承诺办结时限（工作日）", "promised_days", parse=parse_days, required=True, width=12),
        ExcelColumn("申请材料", "materials", export=lambda i: "\n".join(i.material_list()), parse=parse_materials,
                    width=40),
        ExcelColumn("受理条件", "conditions", parse=parse_text, width=30),
        ExcelColumn("办理流程", "procedure", parse=parse_text, width=30),
        ExcelColumn("收费标准", "fees", parse=parse_text, width=14),
        ExcelColumn("承办岗位", "responsible_post", export=_responsible_post_cell, parse=parse_one_post, width=14),
        ExcelColumn("联审会签岗位", "review_posts", export=_review_posts_cell, parse=parse_posts, width=20),
        ExcelColumn("到现场次数", "visits_needed", parse=parse_visits, width=16),
        ExcelColumn("可网上办理", "online", parse=parse_bool, width=10),
        ExcelColumn("办理地点", "location", parse=parse_text, width=24),
        ExcelColumn("办理时间", "hours", parse=parse_text, width=24),
        ExcelColumn("咨询电话", "phone", parse=parse_text, width=14),
        ExcelColumn("备注", "note", parse=parse_text, width=20),
        ExcelColumn("状态", None, export=lambda i: i.get_status_display(), width=8),
        ExcelColumn("公布日期", None, export=lambda i: i.published_on, width=12),
    ],
))  # fmt: skip
