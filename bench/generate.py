"""Synthetic county and city data sets, built from the demo town's yearly profile.

The demo (`fazhi demo`) makes one town, Jiangkou, with a year (2023) of records
made through the real actions: cases, disputes, applications, their steps and
deadlines, and about 15,000 audit events. This script copies that profile to
many new towns and years, in bulk, straight into the database:

- each new town gets a copy of Jiangkou's own tree (communities, villages,
  grids, offices), people, accounts, officers, catalogues and other standing
  records ("master" rows), its names and codes changed (江口 becomes the new
  town's name, 500235131 its code);
- each year of each new town gets a copy of the rows of the demo year ("yearly"
  rows: a register row whose year field is 2023, and everything that hangs off
  it), their dates moved to that year and then to the next working day, their
  numbers (〔2023〕, 2023-00001) renumbered for the year;
- codes that must be unique stay unique and valid: unified social credit codes
  and resident ID numbers get new serial digits and their GB 32100 / GB 11643
  check character, access and receipt codes are drawn anew, usernames and
  certificate numbers carry the town's code;
- the audit events of the copied records are chained anew on each town's own
  chain with SM3, so `fazhi audit verify` holds on the result.

Rows are written with COPY on PostgreSQL and executemany on SQLite, one
transaction per town, with progress and an estimate of the time left.

    python bench/generate.py --towns 40 --years 5 --database postgres://postgres@127.0.0.1:5432/fazhi_county
    python bench/generate.py --towns 1031 --years 1 --counties 38 --database postgres://.../fazhi_city

The database must hold the demo and no generated towns: the script loads the
demo into an empty database first (about a minute and a half).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import django_setup

DEMO_YEAR = 2023
DEMO_TOWN_CODE = "500235131"
DEMO_COUNTY_CODE = "500235"

# Models never copied: per-session, transient or rebuilt here (the audit chain).
SKIP = {
    "core.auditevent", "core.audithead", "core.liveevent", "core.idempotencykey", "core.documentsequence",
    "sessions.session", "authtoken.token", "otp_totp.totpdevice", "otp_static.staticdevice",
    "otp_static.statictoken", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog",
    "admin.logentry", "contenttypes.contenttype", "auth.permission", "auth.group", "auth.group_permissions",
    "core.holiday", "core.calendaryear",
}  # fmt: skip

# The year of a row of a register: the field whose year says which year the row
# belongs to (a tuple: the first of them that is filled). A row of another year
# than the demo year is not part of the yearly profile and is not copied, nor is
# anything that hangs off it. Models not named here are standing ("master")
# records, copied once a town, unless they hang off a yearly row.
YEAR_FIELD: dict[str, tuple[str, ...]] = {
    "enforcement.case": ("discovered_on",),
    "enforcement.officeryear": ("year",),
    "oversight.campaign": ("starts_on",),
    "oversight.infoitem": ("made_on",),
    "oversight.inforequest": ("received_on",),
    "oversight.workplan": ("year",),
    "oversight.admonition": ("on",),
    "oversight.dutyreport": ("year",),
    "oversight.inspection": ("held_on",),
    "oversight.meeting": ("on",),
    "oversight.proposal": ("received_on",),
    "oversight.rectification": ("due_on",),
    "oversight.conducttraining": ("on",),
    "oversight.officerassessment": ("year",),
    "oversight.casefilereview": ("reviewed_on",),
    "decisions.advisoractivity": ("on",),
    "decisions.contractreview": ("submitted_on",),
    "decisions.decisioncatalogue": ("year",),
    "decisions.majordecision": ("planned_by",),
    "decisions.normativedocument": ("review_requested_on", "comment_starts_on"),
    "decisions.publiccomment": ("received_on",),
    "disputes.dispute": ("registered_on",),
    "disputes.screeninground": ("month",),
    "disputes.reconsideration": ("applied_on",),
    "disputes.litigation": ("complaint_received_on",),
    "education.studysession": ("held_on",),
    "education.outreachevent": ("held_on",),
    "education.legalservicerecord": ("served_on",),
    "education.stafftraining": ("starts_on",),
    "emergency.drill": ("held_on",),
    "services.enterprisevisit": ("visited_on",),
    "services.application": ("submitted_on",),
    "reports.report": ("year",),
    "reports.supervisionflag": ("detected_on",),
}

# Dates that are not moved to a working day: facts of birth, the first day of a
# month, validity ends.
NO_WORKDAY = {"birth_date", "month", "valid_to", "expires_on", "next_revision_due", "ends_on"}

# Characters for new town names: two of them and 镇.
_NAME_CHARS = (
    "青龙凤凰双江红石桥白马新华太平永安长乐宝山高峰金竹清水黄龙南溪东阳西山北岭云台平安龙泉石门"
    "桃花梨园柏树松林竹园杨柳沙坪河坝盐井鱼泉三合四方五龙六塘七星八角九龙大河小河上坝下坝中和"
)
_COUNTY_CHARS = "渝中江北沙坪九龙南岸北碚巴南长寿江津合川永川南川綦江潼南铜梁大足荣昌璧山梁平城口丰都垫江忠县开州奉节巫山巫溪黔江武隆石柱秀山酉阳彭水万州涪陵"


@dataclass
class Table:
    label: str
    model: Any
    db_table: str
    columns: list[str]
    pk: int
    fks: dict[int, str] = field(default_factory=dict)  # column index -> target label
    generic: tuple[int, int] | None = None  # (content type column, object id column)
    dates: list[int] = field(default_factory=list)
    datetimes: list[int] = field(default_factory=list)
    no_workday: set[int] = field(default_factory=set)
    years: list[int] = field(default_factory=list)
    texts: list[int] = field(default_factory=list)
    jsons: list[int] = field(default_factory=list)
    decimals: list[int] = field(default_factory=list)
    resident_ids: list[int] = field(default_factory=list)
    unique_texts: list[int] = field(default_factory=list)  # texts in a unique set without a year or date
    rows: dict[int, tuple] = field(default_factory=dict)  # pk -> row, the demo town's rows
    stride: int = 1


@dataclass
class Profile:
    """The demo town's rows, classified: per table, the master and the yearly pks."""

    tables: dict[str, Table]
    order: list[str]  # tables in insert order (targets before the rows that point at them)
    master: dict[str, list[int]]
    yearly: dict[str, list[int]]
    town: Any
    ct_label: dict[int, str]
    audit: list[tuple]  # the demo's audit events of the town (CANONICAL_FIELDS order, without hash)
    master_set: dict[str, set[int]] = field(default_factory=dict)
    yearly_set: dict[str, set[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.master_set = defaultdict(set, {k: set(v) for k, v in self.master.items()})
        self.yearly_set = defaultdict(set, {k: set(v) for k, v in self.yearly.items()})


def _label(model) -> str:
    return model._meta.label_lower


def load_profile(town) -> Profile:
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, models

    from fazhi.core.audit import CANONICAL_FIELDS
    from fazhi.core.models import AuditEvent, OrgUnit

    tables: dict[str, Table] = {}
    for model in apps.get_models(include_auto_created=True):
        label = _label(model)
        meta = model._meta
        if (
            meta.proxy
            or not meta.managed
            or label in SKIP
            or meta.app_label in ("huey", "axes", "otp_static")
        ):
            continue
        cols = list(meta.concrete_fields)
        t = Table(
            label, model, meta.db_table, [f.column for f in cols], [f.primary_key for f in cols].index(True)
        )
        names = {f.name: i for i, f in enumerate(cols)}
        for i, f in enumerate(cols):
            if f.is_relation:
                t.fks[i] = _label(f.related_model)
            elif isinstance(f, models.DateTimeField):
                t.datetimes.append(i)
            elif isinstance(f, models.DateField):
                t.dates.append(i)
                if f.name in NO_WORKDAY:
                    t.no_workday.add(i)
            elif isinstance(f, models.JSONField):
                t.jsons.append(i)
            elif isinstance(f, models.DecimalField):
                t.decimals.append(i)
            elif isinstance(f, models.CharField | models.TextField):
                if any(getattr(v, "__name__", "") == "validate_resident_id" for v in f.validators):
                    t.resident_ids.append(i)
                else:
                    t.texts.append(i)
            elif f.name == "year" and isinstance(f, models.IntegerField):
                t.years.append(i)
        for fields in [c.fields for c in meta.constraints if isinstance(c, models.UniqueConstraint)] + [
            tuple(u) for u in meta.unique_together
        ]:
            kinds = [meta.get_field(n) for n in fields]
            if label in YEAR_FIELD and not any(
                isinstance(f, models.DateField) or f.name == "year" for f in kinds
            ):
                t.unique_texts += [
                    names[f.name] for f in kinds if f.name in names and names[f.name] in t.texts
                ]
        if "content_type" in names and "object_id" in names:
            t.generic = (names["content_type"], names["object_id"])
            if t.generic[1] in t.texts:
                t.texts.remove(t.generic[1])
        tables[label] = t

    # The demo town's rows: its org subtree, then every row that points at an owned row.
    with connection.cursor() as cur:
        for t in tables.values():
            cur.execute(f"SELECT {', '.join(_q(c) for c in t.columns)} FROM {_q(t.db_table)}")  # noqa: S608
            rows = cur.fetchall()
            t.stride = 1 + max((r[t.pk] for r in rows), default=0)
            t._all = {r[t.pk]: r for r in rows}  # type: ignore[attr-defined]
    ct_label = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    subtree = set(OrgUnit.objects.filter(path__startswith=town.path).values_list("pk", flat=True))
    owned: dict[str, set[int]] = defaultdict(set)
    owned["core.orgunit"] = subtree
    changed = True
    while changed:
        changed = False
        for label, t in tables.items():
            if label == "core.orgunit":
                continue
            org = t.columns.index("org_unit_id") if "org_unit_id" in t.columns else None
            for pk, row in t._all.items():  # type: ignore[attr-defined]
                if pk in owned[label] or (
                    org is not None and row[org] is not None and row[org] not in subtree
                ):
                    continue
                if any(row[i] is not None and row[i] in owned[target] for i, target in t.fks.items()) or (
                    t.generic and row[t.generic[0]] is not None
                    and _int(row[t.generic[1]]) in owned[ct_label.get(row[t.generic[0]], "")]
                ):  # fmt: skip
                    owned[label].add(pk)
                    changed = True
    for label, t in tables.items():
        t.rows = {pk: r for pk, r in t._all.items() if pk in owned[label]}  # type: ignore[attr-defined]
        del t._all  # type: ignore[attr-defined]

    # Yearly or master, row by row: a row with a year field is yearly; a row that
    # points at a yearly row is yearly (and follows its fate); the rest is master.
    kind: dict[tuple[str, int], str] = {}  # "master" | "yearly" | "drop"

    def fate(label: str, pk: int, depth: int = 0) -> str:
        key = (label, pk)
        if key in kind:
            return kind[key]
        t = tables[label]
        row = t.rows.get(pk)
        if row is None:
            return "shared"
        kind[key] = "master"  # a provisional answer breaks cycles
        result = "master"
        if label in YEAR_FIELD:
            year = _row_year(t, row, YEAR_FIELD[label])
            result = "yearly" if year == DEMO_YEAR else "drop"
        parents = [(target, row[i]) for i, target in t.fks.items() if row[i] is not None and target != label]
        if t.generic and row[t.generic[0]] is not None:
            parents.append((ct_label.get(row[t.generic[0]], ""), _int(row[t.generic[1]])))
        for target, ref in parents:
            if target not in tables or ref not in tables[target].rows:
                continue
            f = fate(target, ref, depth + 1)
            if f == "drop":
                result = "drop"
                break
            if f == "yearly":
                result = "yearly"
        kind[key] = result
        return result

    master: dict[str, list[int]] = defaultdict(list)
    yearly: dict[str, list[int]] = defaultdict(list)
    for label, t in tables.items():
        for pk in sorted(t.rows):
            f = fate(label, pk)
            if f in ("master", "yearly"):
                (master if f == "master" else yearly)[label].append(pk)

    audit = list(AuditEvent.objects.filter(chain=town.pk).order_by("seq").values_list(*CANONICAL_FIELDS))
    return Profile(tables, _insert_order(tables), master, yearly, town, ct_label, audit)


def _insert_order(tables: dict[str, Table]) -> list[str]:
    """Tables ordered so that a table comes after those its foreign keys point at
    (self references and cycles aside: rows are written in pk order and the
    constraints are checked at commit)."""
    done: list[str] = []
    seen: set[str] = set()

    def visit(label: str, stack: set[str]) -> None:
        if label in seen or label in stack:
            return
        stack.add(label)
        for target in tables[label].fks.values():
            if target in tables and target != label:
                visit(target, stack)
        stack.discard(label)
        seen.add(label)
        done.append(label)

    for label in sorted(tables):
        visit(label, set())
    return done


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _row_year(t: Table, row: tuple, names: tuple[str, ...]) -> int | None:
    cols = {c: i for i, c in enumerate(t.columns)}
    for name in names:
        col = t.model._meta.get_field(name).column
        value = row[cols[col]]
        if value is None:
            continue
        if isinstance(value, int):
            return value
        if isinstance(value, str):
            return int(value[:4])
        return value.year
    return None


# -- one copy ------------------------------------------------------------------------


@dataclass
class Copy:
    """The names, codes and offsets of one new town."""

    index: int  # 1, 2, ... (the demo town is 0)
    name: str  # 青龙镇
    code: str  # 9 digits: the county's 6 and 3 of the town
    county_id: int
    county_code: str
    county_name: str


class Writer:
    """Writes rows to one table: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self, connection):
        self.connection = connection
        self.pg = connection.vendor == "postgresql"

    def write(self, t: Table, rows: list[tuple]) -> None:
        if not rows:
            return
        cols = ", ".join(_q(c) for c in t.columns)
        raw = self.connection.connection
        if self.pg:
            with raw.cursor() as cur, cur.copy(f"COPY {_q(t.db_table)} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in t.columns)
            raw.executemany(f"INSERT INTO {_q(t.db_table)} ({cols}) VALUES ({marks})", rows)  # noqa: S608


class Generator:
    def __init__(self, profile: Profile, years: list[int], connection):
        from fazhi.core import workdays

        self.p = profile
        self.years = years
        self.writer = Writer(connection)
        self.pg = self.writer.pg
        self.workdays = workdays
        self._workday_cache: dict[dt.date, dt.date] = {}
        demo = profile.town
        self.town_path = demo.path
        self.county_path = "/" + DEMO_COUNTY_CODE + "/"
        self.stem = demo.name.removesuffix("镇")  # 江口

    # -- value transforms --------------------------------------------------------

    def next_workday(self, day: dt.date) -> dt.date:
        hit = self._workday_cache.get(day)
        if hit is None:
            hit = day
            try:
                while not self.workdays.is_working_day(hit):
                    hit += dt.timedelta(days=1)
            except self.workdays.CalendarNotCovered:
                while hit.weekday() >= 5:
                    hit += dt.timedelta(days=1)
            self._workday_cache[day] = hit
        return hit

    @staticmethod
    def move_year(day, dy: int):
        if not dy:
            return day
        try:
            return day.replace(year=day.year + dy)
        except ValueError:  # 29 February
            return day.replace(year=day.year + dy, day=28)

    def text_rules(self, c: Copy, year: int | None):
        stem = c.name.removesuffix("镇")
        pairs = [(self.town_path, self._path(c)), (DEMO_TOWN_CODE, c.code), ("云阳县", c.county_name),
                 (self.stem, stem), ("云江", c.county_name[0] + stem[0])]  # fmt: skip
        pattern = re.compile(
            "|".join(re.escape(a) for a, _ in pairs) + ("" if year is None else r"|(?<!\d)2023(?!\d)")
        )
        table = dict(pairs)
        if year is not None:
            table[str(DEMO_YEAR)] = str(year)
        return lambda s: pattern.sub(lambda m: table[m.group(0)], s) if s else s

    def _path(self, c: Copy) -> str:
        return f"/{c.county_code}/{c.code}/"

    def resident_id(self, value: str, c: Copy) -> str:
        from fazhi.core.validators import resident_id_check_char

        if not value or len(value) != 18:
            return value
        serial = f"{(int(value[14:16]) + c.index) % 100:02d}"  # the 17th digit (sex) stays
        first17 = value[:14] + serial + value[16]
        return first17 + resident_id_check_char(first17)

    # -- rows ----------------------------------------------------------------------

    def copy_rows(self, c: Copy, slot: int, year: int | None) -> dict[str, list[tuple]]:
        """The rows of one copy: the master rows (year None, slot = the town) or
        one year's rows (slot = the town-year)."""
        from fazhi.core.validators import uscc_check_char
        from fazhi.services.models.window import new_receipt_code

        p = self.p
        dy = 0 if year is None else year - DEMO_YEAR
        text = self.text_rules(c, year)
        out: dict[str, list[tuple]] = {}
        source = p.master if year is None else p.yearly
        for label in p.order:
            pks = source.get(label)
            if not pks:
                continue
            t = p.tables[label]
            rows = []
            for n, pk in enumerate(pks):
                row = list(t.rows[pk])
                row[t.pk] = self.new_pk(label, pk, c, slot)
                for i, target in t.fks.items():
                    ref = row[i]
                    if ref is not None and target in p.tables and ref in p.tables[target].rows:
                        row[i] = self.new_pk(target, ref, c, slot)
                if t.generic and row[t.generic[0]] is not None:
                    target = p.ct_label.get(row[t.generic[0]], "")
                    ref = _int(row[t.generic[1]])
                    if target in p.tables and ref in p.tables[target].rows:
                        new = self.new_pk(target, ref, c, slot)
                        row[t.generic[1]] = new if isinstance(row[t.generic[1]], int) else str(new)
                for i in t.texts:
                    if isinstance(row[i], str):
                        row[i] = text(row[i])
                for i in t.jsons:
                    if isinstance(row[i], str):
                        row[i] = text(row[i])
                if dy:
                    for i in t.unique_texts:
                        if row[i] and str(year) not in row[i]:
                            row[i] = f"{year}年{row[i]}"
                for i in t.resident_ids:
                    row[i] = self.resident_id(row[i], c)
                if dy:
                    for i in t.years:
                        if row[i] is not None:
                            row[i] += dy
                    for i in t.dates:
                        if row[i] is not None:
                            d = self.move_year(_as_date(row[i]), dy)
                            row[i] = d if i in t.no_workday else self.next_workday(d)
                    for i in t.datetimes:
                        if row[i] is not None:
                            v = self.move_year(_as_datetime(row[i]), dy)
                            day = self.next_workday(v.date())
                            row[i] = v + (day - v.date())
                self.unique_fields(label, t, row, c, slot, n, uscc_check_char, new_receipt_code)
                rows.append(tuple(self.db_value(t, row)))
            out[label] = rows
        return out

    def unique_fields(self, label, t, row, c: Copy, slot, n, uscc_check_char, new_receipt_code) -> None:
        """Values unique across the installation, made unique and valid again."""
        col = {name: i for i, name in enumerate(t.columns)}
        if label == "core.orgunit":
            if row[col["parent_id"]] is None or row[col["path"]].count("/") == 3:  # the town itself
                row[col["parent_id"]] = c.county_id
                row[col["name"]] = c.name
        elif label == "core.user":
            row[col["username"]] = f"{row[col['username']]}_{c.code}"
            row[col["email"]] = ""
        elif label == "enforcement.officer":
            row[col["certificate_no"]] = c.code + str(row[col["certificate_no"]])[-3:]
        elif label == "enforcement.case" and row[col["access_code"]]:
            row[col["access_code"]] = hashlib.blake2b(
                f"{row[col['access_code']]}:{slot}".encode(), digest_size=12
            ).hexdigest()[:16]
        elif label == "services.application":
            row[col["receipt_code"]] = new_receipt_code()
        if "uscc" in col and row[col["uscc"]]:
            first17 = "91" + c.county_code + f"{c.index % 10000:04d}{(slot * 7919 + n) % 100000:05d}"
            row[col["uscc"]] = first17 + uscc_check_char(first17)

    def db_value(self, t: Table, row: list) -> list:
        if self.pg:
            from psycopg.types.json import Jsonb

            for i in t.jsons:
                if row[i] is not None and not isinstance(row[i], str):
                    row[i] = Jsonb(row[i])
            return row
        for i in t.dates:
            if isinstance(row[i], dt.date):
                row[i] = row[i].isoformat()
        for i in t.datetimes:
            if isinstance(row[i], dt.datetime):
                row[i] = row[i].astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
        for i in t.decimals:
            if row[i] is not None:
                row[i] = str(row[i])
        return row

    def new_pk(self, label: str, pk: int, c: Copy, slot: int) -> int:
        """The pk of a row's copy: master rows by town, yearly rows by town-year."""
        t = self.p.tables[label]
        is_master = pk in self.p.master_set[label]
        return pk + t.stride * (c.index if is_master else slot)

    # -- the audit chain of a town -------------------------------------------------

    def audit_events(self, c: Copy, town_id: int, copies: list[tuple[int, int | None]]) -> list[tuple]:
        """The demo's audit events of the rows copied into a town, chained anew:
        master rows' events with the town's first year, yearly rows' with each year."""
        from fazhi.core.audit import GENESIS, event_hash

        p = self.p
        events = []
        seq, prev = 0, GENESIS
        for slot, year in copies:
            dy = year - DEMO_YEAR
            text = self.text_rules(c, year)
            first = slot == copies[0][0]
            for ev in p.audit:
                (_chain, _seq, at, actor_id, actor_name, roles, org_unit_id, action, target_type, target_id,
                 target_repr, old, new, result, message, ip, request_id, _prev) = ev  # fmt: skip
                label = target_type
                ref = _int(target_id)
                t = p.tables.get(label)
                if t is not None and ref in t.rows:
                    if ref in p.master_set[label]:
                        if not first:
                            continue
                    elif ref not in p.yearly_set[label]:
                        continue
                    target_id = str(self.new_pk(label, ref, c, slot))
                elif not first:
                    continue
                if org_unit_id in p.tables["core.orgunit"].rows:
                    org_unit_id = self.new_pk("core.orgunit", org_unit_id, c, slot)
                if actor_id in p.tables["core.user"].rows:
                    actor_id = self.new_pk("core.user", actor_id, c, slot)
                seq += 1
                values = (town_id, seq, self.move_year(at, dy), actor_id, actor_name, roles, org_unit_id, action,
                          target_type, target_id, text(target_repr), text(old), text(new), result, message, ip,
                          request_id, prev)  # fmt: skip
                prev = event_hash(values)
                events.append((*values, prev))
        return events


def _as_date(v) -> dt.date:
    return dt.date.fromisoformat(v) if isinstance(v, str) else v


def _as_datetime(v) -> dt.datetime:
    if isinstance(v, str):
        v = dt.datetime.fromisoformat(v)
    return v if v.tzinfo else v.replace(tzinfo=dt.UTC)


# -- the run ---------------------------------------------------------------------


def town_names(n: int, taken: set[str]) -> list[str]:
    """`n` new town names of two characters and 镇, none of them already `taken`."""
    chars = list(dict.fromkeys(_NAME_CHARS))  # each character once, in order
    names: list[str] = []
    for first in chars:
        for second in chars:
            name = f"{first}{second}镇"
            if first != second and name not in taken:
                taken.add(name)
                names.append(name)
                if len(names) == n:
                    return names
    raise SystemExit(f"only {len(names)} town names can be made; ask for fewer towns")


def make_counties(n: int) -> list[tuple[int, str, str]]:
    """(id, code, name) of the counties: Yunyang (the demo's), then new ones."""
    from fazhi.core import audit
    from fazhi.core.choices import OrgKind
    from fazhi.core.models import OrgUnit

    county = OrgUnit.objects.get(code=DEMO_COUNTY_CODE)
    out = [(county.pk, county.code, county.name)]
    for i in range(1, n):
        code = f"5002{i:02d}" if f"5002{i:02d}" != DEMO_COUNTY_CODE else f"5003{i:02d}"
        chars = _COUNTY_CHARS[(2 * i) % len(_COUNTY_CHARS) :][:2] or "新区"
        name = f"{chars}{i}县"
        unit, _ = OrgUnit.objects.get_or_create(code=code, defaults={"kind": OrgKind.COUNTY, "name": name})
        out.append((unit.pk, unit.code, unit.name))
    audit.chain_of.cache_clear()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--towns", type=int, default=40, help="new towns (besides the demo town)")
    parser.add_argument(
        "--years", type=int, default=5, help=f"years of each new town, ending with {DEMO_YEAR}"
    )
    parser.add_argument("--counties", type=int, default=1, help="counties the towns are spread over")
    parser.add_argument("--database", help="database URL (default: SQLite in a new data dir)")
    parser.add_argument("--data-dir", help="data dir (default: a new temporary one)")
    parser.add_argument("--no-verify", action="store_true", help="skip `fazhi audit verify` at the end")
    args = parser.parse_args()

    data_dir = django_setup(args.database, args.data_dir)
    from django.db import connection, transaction

    from bench._setup import demo_town
    from fazhi.core.models import AuditEvent, AuditHead, OrgUnit

    started = time.perf_counter()
    town = demo_town()
    if OrgUnit.objects.filter(kind="town").exclude(pk=town.pk).exists():
        raise SystemExit("this database already holds generated towns: give an empty database")
    counties = make_counties(args.counties)  # before the profile: its strides must clear their ids
    profile = load_profile(town)
    n_master = sum(map(len, profile.master.values()))
    n_yearly = sum(map(len, profile.yearly.values()))
    years = list(range(DEMO_YEAR - args.years + 1, DEMO_YEAR + 1))
    print(
        f"database: {connection.vendor}; data dir {data_dir}\n"
        f"profile of {town.name}: {n_master:,} standing rows, {n_yearly:,} rows of {DEMO_YEAR}, "
        f"{len(profile.audit):,} audit events\n"
        f"generating {args.towns} towns x {len(years)} years ({years[0]}-{years[-1]}) in {args.counties} counties"
    )
    names = town_names(args.towns, set(OrgUnit.objects.values_list("name", flat=True)))
    gen = Generator(profile, years, connection)
    slot_of = lambda k, j: k * len(years) + j  # noqa: E731  (town-year slots: never 0, the demo's)
    total_rows = total_events = 0
    t0 = time.perf_counter()
    for k in range(1, args.towns + 1):
        county_id, county_code, county_name = counties[(k - 1) % len(counties)]
        per_county = (k - 1) // len(counties) + 1
        # Town codes from 140 up: clear of the demo's 131 and of the 130 its officers' certificates carry.
        c = Copy(k, names[k - 1], f"{county_code}{139 + per_county:03d}", county_id, county_code, county_name)
        slots = [(slot_of(k, j), y) for j, y in enumerate(years)]
        with transaction.atomic():
            if gen.pg:
                with connection.cursor() as cur:
                    cur.execute("SET CONSTRAINTS ALL DEFERRED")
            batches = [gen.copy_rows(c, k, None)] + [gen.copy_rows(c, slot, y) for slot, y in slots]
            for label in profile.order:
                for batch in batches:
                    gen.writer.write(profile.tables[label], batch.get(label, []))
                    total_rows += len(batch.get(label, []))
            town_id = gen.new_pk("core.orgunit", town.pk, c, k)
            events = gen.audit_events(c, town_id, slots)
            gen.writer.write(_audit_table(), [gen.db_value(_audit_table(), list(e)) for e in events])
            AuditHead.objects.create(chain=town_id, seq=events[-1][1], hash=events[-1][-1])
            total_events += len(events)
        elapsed = time.perf_counter() - t0
        left = elapsed / k * (args.towns - k)
        line = (
            f"  {k:,}/{args.towns:,} towns, {total_rows:,} rows, {total_events:,} audit events, "
            f"{(total_rows + total_events) / elapsed:,.0f} rows/s, about {_hms(left)} left"
        )
        if sys.stdout.isatty():
            print("\r" + line + "   ", end="", flush=True)
        elif k % max(1, args.towns // 40) == 0 or k == args.towns:  # a log: a line every 2.5 %
            print(line, flush=True)
    print()
    _reset_sequences(connection)
    built = time.perf_counter() - t0
    print(f"written: {total_rows:,} rows and {total_events:,} audit events in {_hms(built)}")
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_database_size(current_database())")
            print(f"database size: {cur.fetchone()[0] / 2**30:.2f} GiB")
    else:
        size = Path(connection.settings_dict["NAME"]).stat().st_size
        print(f"database size: {size / 2**30:.2f} GiB")
    if args.towns:
        check_sample(gen, c, slots)
    if not args.no_verify:
        from fazhi.core import audit_verify

        v0 = time.perf_counter()
        report = audit_verify.verify()
        print(
            f"audit verify: {report.events:,} events in {_hms(time.perf_counter() - v0)}: "
            + ("all chains hold" if report.ok else "BROKEN: " + report.breaks[0].message())
        )
        if not report.ok:
            raise SystemExit(1)
    print(
        f"audit events in the database: {AuditEvent.objects.count():,}; total {_hms(time.perf_counter() - started)}"
    )


_AUDIT: Table | None = None


def _audit_table() -> Table:
    global _AUDIT
    if _AUDIT is None:
        from django.db import models

        from fazhi.core.audit import CANONICAL_FIELDS
        from fazhi.core.models import AuditEvent

        names = [*CANONICAL_FIELDS, "hash"]
        fields = [AuditEvent._meta.get_field(n) for n in names]
        _AUDIT = Table(
            "core.auditevent", AuditEvent, AuditEvent._meta.db_table, [f.column for f in fields], 0,
            datetimes=[i for i, f in enumerate(fields) if isinstance(f, models.DateTimeField)],
        )  # fmt: skip
    return _AUDIT


def _reset_sequences(connection) -> None:
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cur:
        for sql in statements:
            cur.execute(sql)


def check_sample(gen: Generator, c: Copy, slots: list[tuple[int, int]], per_model: int = 20) -> None:
    """full_clean() on the first rows of every model in the last town's copy: the
    copies are records the application would accept (check characters, choices,
    lengths, foreign keys)."""
    from django.core.exceptions import ValidationError

    p = gen.p
    checked = failed = 0
    for label in p.order:
        t = p.tables[label]
        if t.model._meta.auto_created:
            continue
        pks = [gen.new_pk(label, pk, c, c.index) for pk in p.master.get(label, [])[:per_model]]
        pks += [gen.new_pk(label, pk, c, slots[-1][0]) for pk in p.yearly.get(label, [])[:per_model]]
        for obj in t.model._base_manager.filter(pk__in=pks):
            checked += 1
            try:
                obj.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as e:
                failed += 1
                if failed <= 10:
                    print(f"  invalid {label} #{obj.pk}: {e.message_dict}")
    print(f"validation sample: {checked:,} generated records full_clean()ed, {failed} invalid")


def _hms(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return (
        f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
        if seconds >= 3600
        else f"{seconds // 60}:{seconds % 60:02d}"
    )


if __name__ == "__main__":
    main()
