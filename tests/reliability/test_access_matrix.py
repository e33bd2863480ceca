"""The access matrix (security.md, "access"): every register and every API route,
generated from the project's own registry (`fazhi.core.registers.registry`), URL
conf and API router, never from a hand list.

For each register: anonymous users are sent to the login page, a role without the
register's view permission is refused (roles.ROLE_PERMISSIONS decides which), a user
of another town gets 404 on every page and API address of a record (the same answer
as for a record that does not exist), and the right user gets 200. Another town's
records never appear in a list page, an API list or an Excel export, and making
records in town B changes none of town A's figures (annual report, dashboard, the
figures API and every page without arguments).

Records are made by the makers each app already wrote for its register contract
(`fazhi.core.tests.register_contract.RegisterContract` subclasses); the few
registers without one get a maker below. The guard tests fail when a register, an
API route or a record page exists that the matrix cannot cover.
"""

from __future__ import annotations

import importlib
import io
import itertools
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook

import fazhi
from fazhi.core import roles
from fazhi.core.models.holiday import NationalQuerySet
from fazhi.core.registers import Register, registry
from fazhi.core.tests.factories import login, user_with_role
from fazhi.core.tests.register_contract import RegisterContract

pytestmark = pytest.mark.django_db

_seq = itertools.count(1)

# -- makers -------------------------------------------------------------------------------


def _contract_classes() -> list[type]:
    """Every RegisterContract subclass of the apps' tests (their modules imported, not
    bound here, so that pytest does not collect them a second time)."""
    root = Path(fazhi.__file__).parent
    for path in sorted(root.glob("*/tests/test_*.py")):
        if "(RegisterContract)" in path.read_text(encoding="utf-8"):
            importlib.import_module(".".join(path.relative_to(root.parent).with_suffix("").parts))
    found, todo = [], [RegisterContract]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    return found


def _make_holidays(town, n):
    import datetime as dt

    from fazhi.core.models import Holiday

    return [
        Holiday.objects.create(date=dt.date(2031, 1, 1) + dt.timedelta(days=next(_seq)), kind="holiday")
        for _ in range(n)
    ]


def _make_calendar_years(town, n):
    from fazhi.core.models import CalendarYear

    return [CalendarYear.objects.create(year=2100 + next(_seq) % 800) for _ in range(n)]


def _make_accounts(town, n):
    return [user_with_role(f"acct_{next(_seq)}", "officer", town) for _ in range(n)]


def _make_webhook_deliveries(town, n):
    from fazhi.core import webhooks
    from fazhi.core.models import WebhookDelivery, WebhookSubscription

    sub = WebhookSubscription.objects.create(
        org_unit=town, name="县级平台", url="https://county.example/hook", kinds=["x"],
        secret=webhooks.new_secret(),
    )  # fmt: skip
    return [
        WebhookDelivery.objects.create(subscription=sub, kind="x", event_id=next(_seq), payload="{}")
        for _ in range(n)
    ]


def _make_reports(town, n):
    from fazhi.core.models import User
    from fazhi.reports import actions

    name = f"rep_office_{town.code}"
    office = User.objects.filter(username=name).first() or user_with_role(name, "rule_of_law_office", town)
    return [actions.create_report(town, "annual", 2000 + next(_seq) % 20, actor=office) for _ in range(n)]


def _make_flags(town, n):
    import datetime as dt

    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.models import OrgUnit
    from fazhi.reports.models import SupervisionFlag

    ct = ContentType.objects.get_for_model(OrgUnit)
    return [
        SupervisionFlag.objects.create(
            org_unit=town,
            model_code="matrix",
            content_type=ct,
            object_id=str(next(_seq)),
            target_label="测试记录",
            reason="测试预警",
            detected_on=dt.date(2023, 6, 1),
        )
        for _ in range(n)
    ]


def _make_attachments(town, n):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core import files
    from fazhi.core.tests.factories import PersonFactory

    actor = user_with_role(f"uploader_{next(_seq)}", "officer", town)
    owner = PersonFactory(org_unit=town)
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return [
        files.store(
            SimpleUploadedFile(f"证据{i}.pdf", pdf + str(i).encode()), actor=actor, org_unit=town, owner=owner
        )
        for i in range(n)
    ]


# Registers whose apps have no RegisterContract subclass: made here.
OWN_MAKERS: dict[str, Callable] = {
    "core:holidays": _make_holidays,
    "core:calendar-years": _make_calendar_years,
    "core:accounts": _make_accounts,
    "core:webhook-deliveries": _make_webhook_deliveries,
    "reports:reports": _make_reports,
    "reports:flags": _make_flags,
}


@cache
def makers() -> dict[str, Callable]:
    found = {}
    for cls in _contract_classes():
        register = getattr(cls, "register", None)
        if register is not None and "make" in vars(cls):
            found[f"{register.namespace}:{register.key}"] = cls().make
    return {**found, **OWN_MAKERS}


def make(key: str, town, n: int = 1) -> list:
    return list(makers()[key](town, n))


# -- roles --------------------------------------------------------------------------------

PREFERRED = ("officer", "rule_of_law_office", "leader", "legal_reviewer", "sysadmin", "secadmin")


def roles_with(perm: str) -> list[str]:
    return [r for r in roles.ROLES if perm in roles.ROLE_PERMISSIONS.get(r, set())]


def reader_role(register: Register) -> str:
    holders = roles_with(register.perm("view"))
    return next((r for r in PREFERRED if r in holders), holders[0])


def refused_role(register: Register) -> str:
    """A role without the view permission: the auditor when it lacks it (it only reads
    the audit log), else the first that does."""
    holders = roles_with(register.perm("view"))
    return next(r for r in ("auditor", *roles.ROLES) if r not in holders)


def changer_role(register: Register) -> str | None:
    holders = [r for r in roles_with(register.perm("change")) if register.perm("view") in
               roles.ROLE_PERMISSIONS[r]]  # fmt: skip
    return next((r for r in PREFERRED if r in holders), holders[0] if holders else None)


def strongest_role(register: Register) -> str:
    """The role holding the most permissions on the register's model, then its app: the
    one that gets furthest into a record's own pages (steps, reveals, documents)."""
    opts = register.model._meta

    def weight(role):
        perms = roles.ROLE_PERMISSIONS.get(role, set())
        own = sum(p.startswith(f"{opts.app_label}.") and p.endswith(f"_{opts.model_name}") for p in perms)
        return (register.perm("view") in perms, own, sum(p.startswith(f"{opts.app_label}.") for p in perms))

    return max(roles.ROLES, key=weight)


def signed_in(client, role: str, town):
    user = user_with_role(f"{role[:10]}_{next(_seq)}", role, town)
    login(client, user)
    return user


def national(register: Register) -> bool:
    return isinstance(register.model.objects.all(), NationalQuerySet)


# -- what the URL conf and the router hold -------------------------------------------------


def _walk(resolver, prefix="", namespace=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}{p.name or ''}"


def record_routes() -> list[tuple[str, str]]:
    """(route, name) of every page (not the API) whose address holds a record's pk."""
    return [(r, n) for r, n in _walk(get_resolver()) if "<int:pk>" in r and not r.startswith("api/")]


REGISTER_PAGES = ("detail", "edit")


def owner_of(name: str) -> str | None:
    """The register whose pages `name` is one of (the longest key that prefixes it)."""
    keys = [k for k in registry if name.startswith(f"{k}-")]
    return max(keys, key=len) if keys else None


def sub_routes(key: str) -> list[tuple[str, str]]:
    """A register's record pages beyond detail and edit: steps, reveals, documents..."""
    return [
        (r, n) for r, n in record_routes()
        if owner_of(n) == key and n.removeprefix(f"{key}-") not in REGISTER_PAGES
    ]  # fmt: skip


# Record pages outside a register's names, with the register (or maker) whose records
# they open; and those the matrix leaves to a test of their own, with where it is.
EXTRA_RECORD_PAGES = {
    "portal:officer-card": "enforcement:officers",
    "attachment-download": "attachments",
}
EXEMPT_RECORD_PAGES = {
    "document-download": "a generated document's owner scope: enforcement/tests/test_documents.py",
    "audit-event": "the auditor's log, not town data: core/tests/test_audit_viewer.py",
    "reports:notice-read": "a user's own notices (user=request.user): reports/tests/test_notify.py",
    "portal:report": "the public portal: tests/reliability/test_privacy_crawl.py",
    "portal:report-docx": "the public portal",
    **{f"portal:{n}": "the public portal" for n in (
        "body", "matter", "decision", "disclosure", "major-decision", "service-guide", "normative-document",
        "consultation-document", "consultation-decision",
    )},
}  # fmt: skip


def api_routes():
    from fazhi.api.urls import router

    return list(router.registry)


def _api_register_key(viewset) -> str | None:
    register = getattr(viewset, "register", None)
    return next((k for k, r in registry.items() if r is register), None)


# API routes over no register: what they hold, and how the matrix covers them.
FIGURES_ROUTES = ("reports/warnings", "services/window-figures")  # town figures: compared before/after
API_OWN_MAKERS = {"attachments": _make_attachments}


def api_record_routes() -> list[tuple[str, str, str]]:
    """(prefix, maker key, role key) of every API route with records: the register
    routes, and the attachments (any staff role reads them)."""
    rows = []
    for prefix, viewset, _ in api_routes():
        if prefix in FIGURES_ROUTES:
            continue
        key = _api_register_key(viewset)
        rows.append((prefix, key or prefix, key or "core:people"))
    return rows


def _api_urls(prefix: str) -> list[str]:
    """The router's addresses of one record of `prefix` (detail and detail actions), with
    PK in place of the pk and `x` for any other argument."""
    from fazhi.api.urls import router

    out = []
    for p in router.urls:
        regex = p.pattern.regex.pattern
        if "(?P<pk>" not in regex or "(?P<format>" in regex:
            continue
        body = regex.lstrip("^").rstrip("$")
        if not body.startswith(f"{prefix}/(?P<pk>"):
            continue
        url = re.sub(r"\(\?P<pk>[^)]*\)", "PK", body)
        url = re.sub(r"\(\?P<\w+>[^)]*\)", "x", url).replace("\\", "")
        out.append(f"/api/v1/{url}")
    return sorted(set(out))


# -- helpers ------------------------------------------------------------------------------


def page_urls(register: Register, obj, views=("list", "create", "export", "import", "detail", "edit")):
    """The register's generic pages that exist (a register may drop some: cases have no
    edit page, disclosures no create page)."""
    from django.urls import NoReverseMatch

    out = []
    for view in views:
        try:
            out.append(register.url(view, obj.pk) if view in REGISTER_PAGES else register.url(view))
        except NoReverseMatch:
            continue
    return out


def has_page(register: Register, view: str) -> bool:
    return bool(page_urls(register, type("O", (), {"pk": 1}), (view,)))


def to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/login/")


def api_ids(response) -> set[int]:
    data = response.json()
    rows = data["results"] if isinstance(data, dict) and "results" in data else data
    return {row["id"] for row in rows if isinstance(row, dict) and "id" in row}


def api_count(response) -> int:
    data = response.json()
    return data["count"] if isinstance(data, dict) and "count" in data else len(data)


def export_rows(response) -> int:
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active.max_row - 1


def missing_pk(register_model) -> int:
    last = register_model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return last + 100_000


def url_of(route: str, pk: int, slug: str = "x") -> str:
    path = route.replace("<int:pk>", str(pk))
    path = re.sub(r"<int:\w+>", "2023", path)
    return "/" + re.sub(r"<(?:slug|str):\w+>", slug, path)


def slugs_on_page(html: str, route: str, pk: int) -> set[str]:
    """Values of a sub-route's slug that the record's own detail page links or posts to."""
    if "<slug:" not in route and "<str:" not in route:
        return {"x"}
    pattern = re.escape("/" + route.replace("<int:pk>", str(pk)))
    pattern = re.sub(r"<(?:slug|str):\w+>", r"([-\\w]+)", pattern)
    return {m for m in re.findall(pattern, html) if isinstance(m, str)} | {"x"}


# The URL conf and the router import every app's definitions, which fill the registry.
get_resolver().url_patterns  # noqa: B018
api_routes()
REGISTER_KEYS = sorted(registry)
SCOPED_KEYS = [k for k in REGISTER_KEYS if not national(registry[k])]


# -- the guards -----------------------------------------------------------------------------


def test_the_matrix_was_generated_from_the_whole_registry():
    """The parameters were read at import: a register added later (not imported by the
    URL conf or the router) would escape them."""
    assert sorted(registry) == REGISTER_KEYS and len(REGISTER_KEYS) > 60
    assert {p for p, _, _ in api_record_routes()} | set(FIGURES_ROUTES) == {p for p, _, _ in api_routes()}


def test_every_register_has_a_maker():
    missing = sorted(set(registry) - set(makers()))
    assert not missing, f"registers the matrix cannot fill: add a RegisterContract or a maker: {missing}"


def test_every_register_has_its_pages():
    from django.urls import NoReverseMatch

    for key, register in registry.items():
        for view in ("list", "export"):
            try:
                register.url(view)
            except NoReverseMatch:  # pragma: no cover - the failure names it
                pytest.fail(f"{key} has no {view} page")


def test_every_api_route_is_covered():
    covered = {p for p, _, _ in api_record_routes()} | set(FIGURES_ROUTES)
    for prefix, viewset, _ in api_routes():
        key = _api_register_key(viewset)
        assert prefix in covered, prefix
        if prefix in FIGURES_ROUTES:
            continue
        assert key in makers() or prefix in API_OWN_MAKERS, f"API route {prefix} has no maker"


def test_every_record_page_is_covered():
    """Every page with a record's pk belongs to a register (its detail, edit or own
    sub-pages), to EXTRA_RECORD_PAGES, or is exempt with the test that covers it."""
    for route, name in record_routes():
        assert owner_of(name) or name in EXTRA_RECORD_PAGES or name in EXEMPT_RECORD_PAGES, (route, name)


def test_the_national_registers_are_the_calendar():
    assert sorted(k for k in REGISTER_KEYS if national(registry[k])) == [
        "core:calendar-years",
        "core:holidays",
    ]


# -- the pages of each register ------------------------------------------------------------


@pytest.mark.parametrize("key", REGISTER_KEYS)
def test_anonymous_is_sent_to_login(client, town_a, key):
    register = registry[key]
    (obj,) = make(key, town_a)
    for url in (*page_urls(register, obj), *(url_of(r, obj.pk) for r, _ in sub_routes(key))):
        assert to_login(client.get(url)), url
        assert to_login(client.post(url, {})), url


@pytest.mark.parametrize("key", REGISTER_KEYS)
def test_a_role_without_the_view_permission_is_refused(client, town_a, key):
    register = registry[key]
    (obj,) = make(key, town_a)
    signed_in(client, refused_role(register), town_a)
    assert client.get(register.url("list")).status_code == 403
    assert client.get(register.url("export")).status_code == 403
    assert client.get(register.url("detail", obj.pk)).status_code in (403, 404)
    if has_page(register, "edit"):
        assert client.get(register.url("edit", obj.pk)).status_code in (403, 404)


@pytest.mark.parametrize("key", REGISTER_KEYS)
def test_the_right_user_reads_the_record(client, town_a, key):
    register = registry[key]
    objs = make(key, town_a, 2)
    signed_in(client, reader_role(register), town_a)
    page = client.get(register.url("list"))
    assert page.status_code == 200 and page.context["page"].paginator.count >= 2
    assert client.get(register.url("detail", objs[0].pk)).status_code == 200
    assert export_rows(client.get(register.url("export"))) >= 2
    if changer_role(register) and register.form_class is not None and has_page(register, "edit"):
        signed_in(client, changer_role(register), town_a)
        assert client.get(register.url("edit", objs[0].pk)).status_code == 200


@pytest.mark.parametrize("key", SCOPED_KEYS)
def test_another_towns_record_is_not_found_on_its_pages(client, town_a, town_b, key):
    register = registry[key]
    (obj,) = make(key, town_a)
    signed_in(client, reader_role(register), town_b)
    assert client.get(register.url("detail", obj.pk)).status_code == 404
    if changer_role(register) and has_page(register, "edit"):
        signed_in(client, changer_role(register), town_b)
        assert client.get(register.url("edit", obj.pk)).status_code == 404
        assert client.post(register.url("edit", obj.pk), {}).status_code == 404


@pytest.mark.parametrize("key", SCOPED_KEYS)
def test_another_towns_record_is_absent_from_the_list_and_the_export(client, town_a, town_b, key):
    """What town B's reader sees does not change when town A's records are made (the
    list may hold town B itself, or the reader's own account)."""
    register = registry[key]
    signed_in(client, reader_role(register), town_b)

    def seen():
        page = client.get(register.url("list")).context["page"]
        return (
            page.paginator.count,
            {o.pk for o in page.object_list},
            export_rows(client.get(register.url("export"))),
        )

    before = seen()
    objs = make(key, town_a, 2)
    after = seen()
    assert after == before and not {o.pk for o in objs} & after[1]


def _sub_route_cases():
    rows = [(key, route, name) for key in SCOPED_KEYS for route, name in sub_routes(key)]
    rows += [(EXTRA_RECORD_PAGES[n], r, n) for r, n in record_routes() if n in EXTRA_RECORD_PAGES]
    return rows


@pytest.mark.parametrize(("key", "route", "name"), _sub_route_cases(), ids=lambda v: str(v))
def test_another_towns_record_is_not_found_on_its_own_pages(client, town_a, town_b, key, route, name):
    """Steps, reveals, documents, prints...: for the other town's strongest role, another
    town's record answers exactly as a record that does not exist, GET and POST alike,
    with each slug the record's own page offers."""
    if key == "attachments":
        (obj,) = _make_attachments(town_a, 1)
        register = registry["core:people"]
    else:
        register = registry[key]
        (obj,) = make(key, town_a)
    role = strongest_role(register)
    signed_in(client, role, town_a)
    own = client.get(register.url("detail", obj.pk)) if key != "attachments" else None
    slugs = slugs_on_page(own.content.decode() if own is not None else "", route, obj.pk)
    signed_in(client, role, town_b)
    absent = missing_pk(type(obj))
    for slug in sorted(slugs):
        for method in ("get", "post"):
            theirs = getattr(client, method)(url_of(route, obj.pk, slug))
            none = getattr(client, method)(url_of(route, absent, slug))
            assert theirs.status_code == none.status_code, (
                method,
                url_of(route, obj.pk, slug),
                theirs.status_code,
            )
            assert theirs.status_code in (403, 404, 405), (
                method,
                url_of(route, obj.pk, slug),
                theirs.status_code,
            )


# -- the API ----------------------------------------------------------------------------------

API_CASES = api_record_routes()
API_IDS = [p for p, _, _ in API_CASES]


def _api_make(maker_key: str, town, n: int = 1) -> list:
    return API_OWN_MAKERS[maker_key](town, n) if maker_key in API_OWN_MAKERS else make(maker_key, town, n)


def _api_register(role_key: str) -> Register:
    return registry[role_key]


@pytest.mark.parametrize(("prefix", "maker_key", "role_key"), API_CASES, ids=API_IDS)
def test_api_anonymous_is_refused(client, town_a, prefix, maker_key, role_key):
    (obj,) = _api_make(maker_key, town_a)
    assert client.get(f"/api/v1/{prefix}/").status_code in (401, 403)
    for url in _api_urls(prefix):
        for method in ("get", "post", "patch"):
            response = getattr(client, method)(
                url.replace("PK", str(obj.pk)), {}, content_type="application/json"
            )
            assert response.status_code in (401, 403, 405), (method, url, response.status_code)


@pytest.mark.parametrize(("prefix", "maker_key", "role_key"), API_CASES, ids=API_IDS)
def test_api_a_role_without_the_view_permission_is_refused(client, town_a, prefix, maker_key, role_key):
    register = _api_register(role_key)
    (obj,) = _api_make(maker_key, town_a)
    signed_in(client, refused_role(register), town_a)
    listed = client.get(f"/api/v1/{prefix}/")
    if maker_key in API_OWN_MAKERS:  # attachments: the list is empty for such a role
        assert listed.status_code in (200, 403) and (listed.status_code == 403 or not api_ids(listed))
    else:
        assert listed.status_code == 403
    assert client.get(f"/api/v1/{prefix}/{obj.pk}/").status_code in (403, 404)


@pytest.mark.parametrize(("prefix", "maker_key", "role_key"), API_CASES, ids=API_IDS)
def test_api_the_right_user_reads_the_record(client, town_a, prefix, maker_key, role_key):
    objs = _api_make(maker_key, town_a, 2)
    signed_in(client, reader_role(_api_register(role_key)), town_a)
    listed = client.get(f"/api/v1/{prefix}/")
    assert listed.status_code == 200 and api_count(listed) >= 2
    assert client.get(f"/api/v1/{prefix}/{objs[0].pk}/").status_code == 200


@pytest.mark.parametrize(
    ("prefix", "maker_key", "role_key"),
    [c for c in API_CASES if c[1] in API_OWN_MAKERS or not national(registry[c[1]])],
    ids=[c[0] for c in API_CASES if c[1] in API_OWN_MAKERS or not national(registry[c[1]])],
)
def test_api_another_towns_record_is_not_found(client, town_a, town_b, prefix, maker_key, role_key):
    """List without it; detail, update and every detail action the same as for a record
    that does not exist (404, or 403/405 for what the role or method may not do)."""
    register = _api_register(role_key)
    (obj,) = _api_make(maker_key, town_a)
    for role in dict.fromkeys([reader_role(register), strongest_role(register)]):
        signed_in(client, role, town_b)
        assert client.get(f"/api/v1/{prefix}/{obj.pk}/").status_code == 404
        absent = missing_pk(type(obj))
        for url in _api_urls(prefix):
            for method in ("get", "post", "patch", "put"):
                theirs = getattr(client, method)(
                    url.replace("PK", str(obj.pk)), {}, content_type="application/json"
                )
                none = getattr(client, method)(
                    url.replace("PK", str(absent)), {}, content_type="application/json"
                )
                assert theirs.status_code == none.status_code, (role, method, url, theirs.status_code)
                assert theirs.status_code >= 400, (role, method, url, theirs.status_code)
                if theirs.status_code == 400:  # the body is checked before the record: the same words
                    assert _words(theirs) == _words(none), (role, method, url)


@pytest.mark.parametrize(
    ("prefix", "maker_key", "role_key"),
    [c for c in API_CASES if c[1] in API_OWN_MAKERS or not national(registry[c[1]])],
    ids=[c[0] for c in API_CASES if c[1] in API_OWN_MAKERS or not national(registry[c[1]])],
)
def test_api_another_towns_record_is_absent_from_the_list(
    client, town_a, town_b, prefix, maker_key, role_key
):
    signed_in(client, reader_role(_api_register(role_key)), town_b)
    before = client.get(f"/api/v1/{prefix}/")
    objs = _api_make(maker_key, town_a, 2)
    after = client.get(f"/api/v1/{prefix}/")
    assert before.status_code == after.status_code == 200
    assert api_count(after) == api_count(before) and not {o.pk for o in objs} & api_ids(after)


def _words(response) -> object:
    data = response.json()
    return (
        {k: v for k, v in data.items() if k not in ("request_id", "instance")}
        if isinstance(data, dict)
        else data
    )


# -- figures: town B's records change nothing town A reads -----------------------------------

# Pages without arguments that are not a town's reading: sign-in, streams, the auditor's log.
SWEEP_SKIPPED = ("login", "logout", "password-change", "core:live-stream", "audit-log", "audit-export")
_VOLATILE = re.compile(
    r'(csrfmiddlewaretoken" value="|csrf-token" content="|nonce="|"csrfToken": ")[^"]*'
    r"|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?(\.\d+)?"
    r"|\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}"  # a last sign-in time
    r"|\b[A-Za-z0-9]{64}\b"  # a masked CSRF token anywhere else (hx-headers)
)


def sweep_urls() -> list[str]:
    urls = []
    for route, name in _walk(get_resolver()):
        if "<" in route or route.startswith(("api/", "portal/")) or name in SWEEP_SKIPPED:
            continue
        urls += [f"/{route}", f"/{route}?year=2023"]
    return urls


def _read_all(client) -> dict[str, object]:
    seen = {}
    for url in sweep_urls():
        r = client.get(url)
        kind = r.get("Content-Type", "")
        if r.status_code == 200 and kind.startswith("text/html"):
            seen[url] = _VOLATILE.sub("", r.content.decode())
        elif r.status_code == 200 and kind.startswith("application/vnd.openxml"):
            seen[url] = [
                list(row) for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True)
            ]
        else:
            seen[url] = r.status_code
    for prefix in FIGURES_ROUTES:
        for query in ("", "?year=2023"):
            r = client.get(f"/api/v1/{prefix}/{query}")
            seen[f"api:{prefix}{query}"] = r.json() if r.status_code == 200 else r.status_code
    return seen


def _figures(unit) -> dict:
    import datetime as dt

    from django.utils import timezone

    from fazhi.reports.dashboard.data import dashboard_data
    from fazhi.reports.figures import compute_all

    today = timezone.localdate()
    out = {}
    for year in sorted({2023, today.year}):
        out[f"annual {year}"] = {k: (v.values, v.text) for k, v in compute_all(unit, year).items()}
        out[f"dashboard {year}"] = dashboard_data(unit, year, today=dt.date(today.year, 6, 30))
    return out


def _diff(a, b) -> str:
    import difflib

    if not isinstance(a, str) or not isinstance(b, str):
        return f"{a!r:.300} != {b!r:.300}"
    lines = difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
    return "\n".join(list(lines)[2:14])


def test_town_bs_records_change_none_of_town_as_figures_or_pages(client, town_a, town_b):
    """One record of every register in town B: town A's annual-report figures, its
    dashboard, the figures API and every page without arguments read the same."""
    for key in SCOPED_KEYS:  # town A has records of its own, so that its pages show rows
        make(key, town_a)
    # The leader reads nearly every register; the two administrators keep the accounts,
    # the org tree and the webhooks of their town.
    readers = [user_with_role(f"sweep_{role}", role, town_a) for role in ("leader", "sysadmin", "secadmin")]

    def read_all():
        pages = {}
        for user in readers:
            login(client, user)
            pages.update({f"{user.username} {url}": v for url, v in _read_all(client).items()})
        return pages

    figures_before, pages_before = _figures(town_a), read_all()
    for key in SCOPED_KEYS:
        make(key, town_b)
    _make_attachments(town_b, 1)
    assert _figures(town_a) == figures_before
    pages_after = read_all()
    changed = [url for url in pages_before if pages_before[url] != pages_after[url]]
    assert not changed, "\n".join(f"{u}\n{_diff(pages_before[u], pages_after[u])}" for u in changed[::2][:8])
    assert sum(isinstance(v, str) for v in pages_before.values()) > 50
    login(client, readers[0])
    assert client.get(f"/reports/dashboard/?unit={town_b.pk}").status_code == 404
