"""Demo step: the county, the town and its "141" offices, villages, communities
and grids; posts; residents; a user for each role."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import Group

from fazhi.core import otp
from fazhi.core.choices import OrgKind, Sex
from fazhi.core.demo import DEMO_PASSWORD, DemoContext, names, step
from fazhi.core.models import OrgUnit, Person, Post, User
from fazhi.core.roles import ROLES, STAFF_ROLES

FICTIONAL = "示例（虚构）"
COUNTY = ("500235", "云阳县")
TOWN = ("500235131", "江口镇")
# The "141" system: one command centre and four boards (codes are the project's own).
OFFICES = [
    ("500235131901", "综合指挥室"),
    ("500235131902", "党的建设办公室"),
    ("500235131903", "经济发展办公室"),
    ("500235131904", "民生服务办公室"),
    ("500235131905", "平安法治办公室"),
]
POSTS = [
    ("500235131901", "ZH-01", "综合指挥岗", "统筹调度、督查督办、挂图作战"),
    ("500235131904", "MS-01", "综合窗口岗", "政务服务一窗受理、联审联办"),
    ("500235131904", "MS-02", "社会救助岗", "低保、特困、临时救助审核"),
    ("500235131903", "JJ-01", "市场服务岗", "市场主体服务、招商引资"),
    ("500235131905", "PA-01", "综合行政执法岗", "综合行政执法、案件办理"),
    ("500235131905", "PA-02", "法制审核岗", "重大执法决定法制审核、规范性文件审核"),
    ("500235131905", "PA-03", "人民调解岗", "矛盾纠纷排查化解、人民调解"),
    ("500235131905", "PA-04", "法治建设岗", "法治政府建设、普法、年度报告"),
    ("500235131905", "PA-05", "应急管理岗", "应急预案、演练和队伍"),
    ("500235131902", "DJ-01", "政务公开岗", "政务公开、人大建议政协提案办理"),
]
ROLE_USERS = {
    # role: (username, person name, post code)
    "officer": ("officer", "陈建国", "PA-01"),
    "legal_reviewer": ("reviewer", "李敏", "PA-02"),
    "window_clerk": ("window", "王芳", "MS-01"),
    "mediator": ("mediator", "张德福", "PA-03"),
    "grid_worker": ("grid", "刘红梅", None),
    "rule_of_law_office": ("fazhiban", "赵静", "PA-04"),
    "leader": ("leader", "周志勇", "ZH-01"),
}
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_resident_id(area: str, birth: dt.date, seq: int, male: bool) -> str:
    """A well-formed ID number (GB 11643-1999) for a fictional person."""
    order = seq * 2 + (1 if male else 0)
    body = f"{area}{birth:%Y%m%d}{order % 1000:03d}"
    total = sum(int(c) * w for c, w in zip(body, WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def unit(code: str, name: str, kind: str, parent: OrgUnit | None, sort: int = 0, note: str = "") -> OrgUnit:
    obj = OrgUnit.objects.filter(code=code).first()
    if obj is None:
        obj = OrgUnit(code=code, name=name, kind=kind, parent=parent, sort_order=sort, source_note=note)
        obj.full_clean()
        obj.save()
    return obj


@step(10)
def org_tree(ctx: DemoContext) -> None:
    county = unit(*COUNTY, OrgKind.COUNTY, None, note="统计用区划代码")
    town = unit(*TOWN, OrgKind.TOWN, county, note="统计用区划代码 500235131")
    for i, (code, name) in enumerate(OFFICES):
        unit(code, name, OrgKind.OFFICE, town, sort=i)
    villages = []
    for i, name in enumerate(names.COMMUNITIES, start=1):
        villages.append(
            unit(f"500235131{i:03d}", f"{name}社区", OrgKind.COMMUNITY, town, sort=i, note=FICTIONAL)
        )
    for i, name in enumerate(names.VILLAGES):
        villages.append(
            unit(f"500235131{200 + i:03d}", f"{name}村", OrgKind.VILLAGE, town, sort=100 + i, note=FICTIONAL)
        )
    grids = 0
    for v in villages:
        for g in range(1, 3):
            unit(f"{v.code}G{g:02d}", f"{v.name}第{g}网格", OrgKind.GRID, v, sort=g, note=FICTIONAL)
            grids += 1
    ctx.objects.update(county=county, town=town, villages=villages)
    ctx.out(
        f"组织：{county.name} → {town.name}，内设机构{len(OFFICES)}个，村（社区）{len(villages)}个，网格{grids}个"
    )


def _person(ctx: DemoContext, unit_: OrgUnit, name: str, male: bool, seq: int) -> Person:
    # Draw every random value first, whether or not the person exists yet, so that
    # a second run draws the same sequence and finds the same people.
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=ctx.rng.randrange(0, 365 * 40))
    phone = f"1{ctx.rng.choice('3589')}{ctx.rng.randrange(10**8, 10**9)}"
    group, house, street = ctx.rng.randrange(1, 12), ctx.rng.randrange(1, 80), ctx.rng.choice(names.STREETS)
    rid = make_resident_id("500235", birth, seq, male)
    person = Person.objects.filter(org_unit=unit_, resident_id=rid).first()
    if person is None:
        if unit_.kind == OrgKind.TOWN:
            address = f"重庆市云阳县江口镇{street}{house}号"
        else:
            address = f"重庆市云阳县江口镇{unit_.name}{group}组{house}号"
        person = Person(
            org_unit=unit_,
            name=name,
            sex=Sex.MALE if male else Sex.FEMALE,
            resident_id=rid,
            phone=phone,
            address=address,
            note=FICTIONAL,
        )
        person.full_clean()
        person.save()
    return person


def _totp(user: User) -> str:
    """Leaders need a second factor; the demo keeps one fixed secret per account so
    that its otpauth URI stays valid across runs."""
    if not otp.requires_totp(user):
        return ""
    device = otp.device_for(user)
    if device is None:
        otp.enrol(user, demo=True)
        device = otp.device_for(user)
    return device.config_url


@step(20)
def posts_people_users(ctx: DemoContext) -> None:
    town: OrgUnit = ctx.objects["town"]
    offices = {u.code: u for u in OrgUnit.objects.filter(kind=OrgKind.OFFICE, parent=town)}
    posts = {}
    for office_code, code, name, duties in POSTS:
        post, _ = Post.objects.get_or_create(
            org_unit=offices[office_code], code=code, defaults={"name": name, "duties": duties}
        )
        posts[code] = post
    staff_females = {"李敏", "王芳", "刘红梅", "赵静"}
    for i, role in enumerate(STAFF_ROLES):
        username, pname, post_code = ROLE_USERS[role]
        person = _person(ctx, town, pname, pname not in staff_females, 100 + i)
        if post_code:
            posts[post_code].holders.add(person)
        unit_ = town if role != "grid_worker" else OrgUnit.objects.get(code="500235131200G01")
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, display_name=pname, org_unit=unit_, person=person)
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(Group.objects.get(name=role))
        ctx.users.append((username, ROLES[role], DEMO_PASSWORD, _totp(user)))
    county_user = User.objects.filter(username="county").first()
    if county_user is None:
        county_user = User(username="county", display_name="县司法局（示例）", org_unit=ctx.objects["county"])
        county_user.set_password(DEMO_PASSWORD)
        county_user.save()
        county_user.groups.add(Group.objects.get(name="leader"))
    ctx.users.append(("county", "县级用户（领导，可查看全县各镇）", DEMO_PASSWORD, _totp(county_user)))
    residents = 0
    for n, village in enumerate(ctx.objects["villages"]):
        for k in range(3):
            male = ctx.rng.random() < 0.5
            name = ctx.rng.choice(names.SURNAMES) + "".join(
                ctx.rng.choice(names.GIVEN) for _ in range(ctx.rng.choice((1, 2)))
            )
            _person(ctx, village, name, male, 200 + n * 3 + k)
            residents += 1
    ctx.out(f"岗位{len(posts)}个；村（社区）居民{residents}人（虚构）；演示账号{len(ctx.users)}个")
