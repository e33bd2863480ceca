"""Single-window records for tests, made through the actions (never saved by hand),
so that each has its audit events and deadlines.

    item = make_item(town)                         # published, two materials, no review posts
    item = make_item(town, review_posts=2)         # two review posts, each with a holder
    app = make_application(item)                   # received, every material received
    app = make_application(item, materials=[])     # received, nothing received
    app = accepted(item, on=dt.date(2023, 9, 25))  # received and accepted on that day
    reviewer_of(post)                              # a user whose person holds the post
"""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.models import OrgUnit, Person, Post, User
from fazhi.core.tests.factories import OrgUnitFactory, user_with_role
from fazhi.services.actions import window as actions
from fazhi.services.choices import ApplicationChannel, ItemKind
from fazhi.services.models import Application, ServiceItem

_seq = itertools.count(1)
MATERIALS = ["申请人居民身份证", "申请书"]


def clerk_of(town: OrgUnit) -> User:
    """The town's window clerk: receives, accepts, routes, decides and delivers."""
    username = f"win_clerk_{town.code}"
    return User.objects.filter(username=username).first() or user_with_role(
        username, "window_clerk", town, display_name="王窗口"
    )


def leader_of(town: OrgUnit) -> User:
    """The town's leader: publishes items and approves extensions."""
    username = f"win_leader_{town.code}"
    return User.objects.filter(username=username).first() or user_with_role(
        username, "leader", town, display_name="周镇长"
    )


def office_of(town: OrgUnit) -> OrgUnit:
    return OrgUnit.objects.filter(parent=town, kind="office").first() or OrgUnitFactory(
        kind="office", parent=town, name="民生服务办公室"
    )


def make_post(town: OrgUnit, name: str | None = None) -> Post:
    n = next(_seq)
    return Post.objects.create(org_unit=office_of(town), code=f"WP-{n:03d}", name=name or f"审查岗{n}")


def reviewer_of(post: Post) -> User:
    """A staff user whose person holds `post` (may give the post's opinion)."""
    username = f"win_reviewer_{post.pk}"
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    town = post.org_unit.town or post.org_unit
    person = Person.objects.create(org_unit=town, name=f"审查员{post.pk}")
    post.holders.add(person)
    return user_with_role(username, "officer", town, display_name=person.name, person=person)


def item_data(town: OrgUnit, **extra) -> dict:
    n = next(_seq)
    return {
        "org_unit": town, "code": f"TEST-{n:04d}", "name": f"测试事项{n}", "kind": ItemKind.LICENCE,
        "basis": "《中华人民共和国行政许可法》第三十二条", "statutory_days": 20, "promised_days": 15,
        "materials": "\n".join(MATERIALS), "visits_needed": 1, "online": True, **extra,
    }  # fmt: skip


def make_item(
    town: OrgUnit, *, review_posts: int | list[Post] = 0, publish: bool = True, **extra
) -> ServiceItem:
    """A service item of the town, published unless told otherwise."""
    posts = review_posts if isinstance(review_posts, list) else [make_post(town) for _ in range(review_posts)]
    item = actions.create_item(actor=clerk_of(town), data={**item_data(town, **extra), "review_posts": posts})
    if publish:
        item = actions.publish_item(item, actor=leader_of(town), on=dt.date(2022, 1, 4))
    return item


def make_application(item: ServiceItem, *, materials: list[str] | None = None, **extra) -> Application:
    """A received application; by default every material of the item arrived."""
    data = {
        "item": item, "applicant": "谭德明", "phone": "13800001234", "channel": ApplicationChannel.WINDOW,
        "submitted_on": dt.date(2023, 9, 25), "content": "申请办理",
        "received_materials": item.material_list() if materials is None else materials, **extra,
    }  # fmt: skip
    return actions.receive_application(actor=clerk_of(item.org_unit), data=data)


def accepted(item: ServiceItem, *, on: dt.date = dt.date(2023, 9, 25), **extra) -> Application:
    app = make_application(item, submitted_on=on, **extra)
    return actions.accept(app, actor=clerk_of(item.org_unit), on=on)
