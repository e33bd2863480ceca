"""The core registers: org units and people, on the register base."""

from __future__ import annotations

from typing import Any

from fazhi.core import actions, masking
from fazhi.core.choices import HolidayKind, OrgKind, Sex
from fazhi.core.filters import (
    AccountFilter,
    CalendarYearFilter,
    HolidayFilter,
    OrgUnitFilter,
    PersonFilter,
    PostFilter,
)
from fazhi.core.forms import (
    AccountForm,
    CalendarYearForm,
    HolidayForm,
    OrgUnitForm,
    PersonForm,
    PostForm,
    leaders_visible_to,
)
from fazhi.core.models import CalendarYear, Holiday, OrgUnit, Person, Post, User
from fazhi.core.registers import Column, ExcelColumn, Register, registry


def parse_choice(choices) -> Any:
    labels = {label: value for value, label in choices.choices}
    values = {value for value, _ in choices.choices}

    def parse(raw, user):
        if raw in (None, ""):
            return ""
        raw = str(raw).strip()
        if raw in values:
            return raw
        if raw in labels:
            return labels[raw]
        raise ValueError(f"应为以下之一：{'、'.join(labels)}")

    return parse


def parse_org_unit(raw, user):
    if raw in (None, ""):
        return None
    unit = OrgUnit.objects.visible_to(user).filter(code=str(raw).strip()).only("pk").first()
    if unit is None:
        raise ValueError(f"单位代码“{raw}”不存在或不在本单位管辖范围内")
    return unit.pk


def parse_text(raw, user):
    return "" if raw is None else str(raw).strip()


def parse_post(raw, user):
    """A post by its code, among the posts the user sees."""
    code = parse_text(raw, user)
    if not code:
        return None
    found = list(Post.objects.visible_to(user).filter(code=code).values_list("pk", flat=True)[:2])
    if not found:
        raise ValueError(f"岗位代码“{code}”不存在")
    if len(found) > 1:
        raise ValueError(f"岗位代码“{code}”在多个单位重复，请在页面上选择")
    return found[0]


def parse_leader(raw, user):
    """A leader's account by its user name or by the person's name."""
    text = parse_text(raw, user)
    if not text:
        return None
    leaders = leaders_visible_to(user)
    found = list(leaders.filter(username=text).values_list("pk", flat=True)[:1]) or list(
        leaders.filter(display_name=text).values_list("pk", flat=True)[:2]
    )
    if not found:
        raise ValueError(f"“{text}”不是本单位的领导账号")
    if len(found) > 1:
        raise ValueError(f"有多名领导叫“{text}”，请填写账号")
    return found[0]


def parse_bool(raw, user):
    if raw in (None, ""):
        return False
    text = str(raw).strip()
    if text in ("是", "1", "True", "true", "TRUE", "启用"):
        return True
    if text in ("否", "0", "False", "false", "FALSE", "停用"):
        return False
    raise ValueError("应填“是”或“否”")


people = registry.add(
    Register(
        key="people",
        namespace="core",
        model=Person,
        label="人员",
        description="自然人信息：当事人、申请人、调解当事人及本单位人员。身份证号码、电话和住址在列表中脱敏显示。",
        form_class=PersonForm,
        filterset_class=PersonFilter,
        select_related=("org_unit",),
        ordering=("name", "id"),
        columns=[
            Column("name", "姓名", link=True, sort="name"),
            Column("sex", "性别"),
            Column("resident_id", "公民身份号码", mask=masking.mask_resident_id),
            Column("phone", "联系电话", mask=masking.mask_phone),
            Column("address", "住址", mask=masking.mask_address),
            Column("org_unit.name", "所属单位", sort="org_unit__path"),
        ],
        detail_fields=[
            Column("name", "姓名"),
            Column("sex", "性别"),
            Column("birth_date", "出生日期"),
            Column("org_unit.name", "所属单位"),
            Column("note", "备注"),
            Column("updated_at", "更新时间"),
        ],
        excel_columns=[
            ExcelColumn("姓名", "name", parse=parse_text, required=True),
            ExcelColumn("性别", "sex", parse=parse_choice(Sex), width=6),
            ExcelColumn(
                "公民身份号码", "resident_id", parse=parse_text, mask=masking.mask_resident_id, width=22
            ),
            ExcelColumn("联系电话", "phone", parse=parse_text, mask=masking.mask_phone),
            ExcelColumn("住址", "address", parse=parse_text, mask=masking.mask_address, width=30),
            ExcelColumn(
                "所属单位代码",
                "org_unit",
                export=lambda p: p.org_unit.code,
                parse=parse_org_unit,
                required=True,
                width=16,
            ),
            ExcelColumn("所属单位", None, export=lambda p: p.org_unit.name, width=20),
            ExcelColumn("备注", "note", parse=parse_text, width=20),
        ],
        attachments=True,
        create=actions.create_person,
        update=actions.update_person,
    )
)

org_units = registry.add(
    Register(
        key="org-units",
        namespace="core",
        model=OrgUnit,
        label="组织单位",
        description="县、镇、镇内设机构（“141”体系）、村、社区和网格。",
        form_class=OrgUnitForm,
        filterset_class=OrgUnitFilter,
        select_related=("parent",),
        ordering=("path",),
        columns=[
            Column("name", "名称", link=True),
            Column("code", "代码", sort="code"),
            Column("kind", "类型"),
            Column("parent.name", "上级单位"),
            Column("is_active", "启用"),
        ],
        detail_fields=[
            Column("name", "名称"),
            Column("code", "代码"),
            Column("kind", "类型"),
            Column("parent.name", "上级单位"),
            Column("sort_order", "排序"),
            Column("is_active", "启用"),
            Column("source_note", "数据来源说明"),
        ],
        excel_columns=[
            ExcelColumn("类型", "kind", parse=parse_choice(OrgKind), required=True),
            ExcelColumn("代码", "code", parse=parse_text, required=True, width=16),
            ExcelColumn("名称", "name", parse=parse_text, required=True, width=24),
            ExcelColumn(
                "上级单位代码",
                "parent",
                export=lambda u: u.parent.code if u.parent_id else "",
                parse=parse_org_unit,
                width=16,
            ),
            ExcelColumn(
                "排序", "sort_order", parse=lambda raw, user: raw if raw not in (None, "") else 0, width=8
            ),
            ExcelColumn("启用", "is_active", parse=parse_bool, width=6),
            ExcelColumn("数据来源说明", "source_note", parse=parse_text, width=24),
        ],
        create=actions.create_org_unit,
        update=actions.update_org_unit,
    )
)


def parse_date(raw, user):
    import datetime as dt

    if raw in (None, ""):
        return None
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError as exc:
        raise ValueError("日期格式应为 YYYY-MM-DD") from exc


holidays = registry.add(
    Register(
        key="holidays",
        namespace="core",
        model=Holiday,
        label="节假日",
        module="system",
        description="国务院每年的放假通知：工作日上放假的日子和周末调休上班的日子。计算工作日期限时使用。",
        form_class=HolidayForm,
        filterset_class=HolidayFilter,
        ordering=("date",),
        columns=[
            Column("date", "日期", link=True, sort="date"),
            Column("kind", "类型"),
            Column("name", "名称"),
            Column("source", "来源"),
        ],
        excel_columns=[
            ExcelColumn("日期", "date", parse=parse_date, required=True, width=12),
            ExcelColumn("类型", "kind", parse=parse_choice(HolidayKind), required=True, width=18),
            ExcelColumn("名称", "name", parse=parse_text),
        ],
    )
)

calendar_years = registry.add(
    Register(
        key="calendar-years",
        namespace="core",
        model=CalendarYear,
        label="日历年度",
        module="system",
        description="已录入放假安排的年度。未录入的年度无法计算工作日期限。",
        form_class=CalendarYearForm,
        filterset_class=CalendarYearFilter,
        ordering=("year",),
        columns=[
            Column("year", "年度", link=True, sort="year"),
            Column("source", "来源"),
            Column("notice", "放假通知"),
        ],
        excel_columns=[
            ExcelColumn("年度", "year", parse=lambda raw, user: raw, required=True, width=8),
            ExcelColumn("放假通知", "notice", parse=parse_text, width=30),
        ],
    )
)


def parse_people(raw, user):
    """Holders as resident ID numbers or names separated by 、 or commas."""
    if raw in (None, ""):
        return []
    pks = []
    visible = Person.objects.visible_to(user)
    for token in [
        t.strip() for t in str(raw).replace("，", "、").replace(",", "、").split("、") if t.strip()
    ]:
        by_id = len(token) == 18 and token[:17].isdigit()
        matches = list(visible.filter(resident_id=token.upper()) if by_id else visible.filter(name=token)[:2])
        if not matches:
            raise ValueError(f"在岗人员“{token}”不在人员台账中")
        if len(matches) > 1:
            raise ValueError(f"在岗人员“{token}”有重名，请改填其公民身份号码")
        pks.append(matches[0].pk)
    return pks


posts = registry.add(
    Register(
        key="posts",
        namespace="core",
        model=Post,
        label="岗位",
        description="镇内设机构（“141”体系）的岗位及在岗人员。各台账的责任岗位从这里选取。",
        form_class=PostForm,
        filterset_class=PostFilter,
        select_related=("org_unit",),
        prefetch_related=("holders",),
        ordering=("org_unit__path", "code"),
        columns=[
            Column("name", "岗位名称", link=True),
            Column("code", "岗位代码", sort="code"),
            Column("org_unit.name", "所属单位", sort="org_unit__path"),
            Column("holder_names", "在岗人员"),
            Column("is_active", "启用"),
        ],
        detail_fields=[
            Column("name", "岗位名称"),
            Column("code", "岗位代码"),
            Column("org_unit.name", "所属单位"),
            Column("duties", "岗位职责"),
            Column("holder_names", "在岗人员"),
            Column("is_active", "启用"),
        ],
        excel_columns=[
            ExcelColumn(
                "所属单位代码",
                "org_unit",
                export=lambda p: p.org_unit.code,
                parse=parse_org_unit,
                required=True,
                width=16,
            ),
            ExcelColumn("岗位代码", "code", parse=parse_text, required=True),
            ExcelColumn("岗位名称", "name", parse=parse_text, required=True, width=20),
            ExcelColumn("岗位职责", "duties", parse=parse_text, width=30),
            ExcelColumn(
                "在岗人员", "holders", export=lambda p: p.holder_names(), parse=parse_people, width=20
            ),
            ExcelColumn("启用", "is_active", parse=parse_bool, width=6),
        ],
    )
)


accounts = registry.add(
    Register(
        key="accounts",
        namespace="core",
        model=User,
        label="账号与角色",
        module="system",
        importable=False,
        description="用户账号、所属单位和角色。由安全管理员管理；三员（系统、安全、审计管理员）不得兼任。",
        form_class=AccountForm,
        filterset_class=AccountFilter,
        select_related=("org_unit",),
        prefetch_related=("groups",),
        ordering=("username",),
        columns=[
            Column("username", "用户名", link=True, sort="username"),
            Column("display_name", "姓名"),
            Column("org_unit.name", "所属单位"),
            Column("role_names", "角色"),
            Column("is_active", "启用"),
            Column("last_login", "最近登录"),
        ],
        detail_fields=[
            Column("username", "用户名"),
            Column("display_name", "姓名"),
            Column("org_unit.name", "所属单位"),
            Column("role_names", "角色"),
            Column("is_active", "启用"),
            Column("must_change_password", "须修改密码"),
            Column("last_login", "最近登录"),
            Column("date_joined", "创建时间"),
        ],
        excel_columns=[
            ExcelColumn("用户名", "username", parse=parse_text, required=True),
            ExcelColumn("姓名", "display_name", parse=parse_text),
            ExcelColumn("所属单位代码", None, export=lambda u: u.org_unit.code if u.org_unit_id else ""),
            ExcelColumn("角色", None, export=lambda u: u.role_names(), width=30),
            ExcelColumn("启用", None, export=lambda u: u.is_active, width=6),
        ],
    )
)
