"""Benchmark: the Excel import of market entity registrations against a raw bulk insert.

The register is 市场主体登记 (services.MarketEntity): its import is the one meant
for volume (the county's registration export, thousands of rows a year), and
its rows are cheap to make valid. The bench writes one .xlsx with xlsxwriter,
with the register's template columns (`excel.export_headers`) and valid values
(GB 32100 credit codes with their check character and the entity type's
category character, dates of the year, the town's villages by name), then, in
the same run and on the same database, times each `--repeat` times:
- the baseline: read the file with openpyxl in read-only mode and insert its
  rows into services_marketentity, the same columns (labels turned into the
  stored values by a dict lookup), COPY on PostgreSQL and executemany on
  SQLite, one transaction, nothing else: no check, no audit event;
- the import: `fazhi.services.imports.market.import_entities`, what the
  register's import page runs (read, check every row, bulk insert, one audit
  event a record), as the town's window clerk.
The rows inserted are deleted after each run, so both insert the same rows.
Prints rows per second of both (medians) and the ratio import / baseline (goal
>= 0.5).

The import refuses more than FAZHI_IMPORT_MAX_ROWS rows (default 20,000) and
files over FAZHI_IMPORT_MAX_BYTES (default 10 MB): asked for more, the bench
says so and measures at the cap, unless `--lift-caps` raises both settings for
its own run (what an installation that sets them would get).

    python bench/excel_import.py [--rows 100000] [--lift-caps] [--repeat 3] \
        [--database-url postgres://...] [--data-dir DIR] [--profile]
"""

from __future__ import annotations

import datetime as dt
import io
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import demo_parser, demo_town, django_setup

GOAL = 0.5
# (the export's word for the type, the type's category character in the credit code)
KINDS = [("个体工商户", "2"), ("个体工商户", "2"), ("有限责任公司（自然人独资）", "1"), ("个体工商户", "2"),
         ("农民专业合作社", "3")]  # fmt: skip
PEOPLE = ["谭德明", "刘晓燕", "陈国华", "向春梅", "冉光荣", "彭建军", "黄丽", "熊永福"]
INDUSTRIES = ["批发和零售业", "住宿和餐饮业", "农、林、牧、渔业", "居民服务、修理和其他服务业", "制造业"]
COLUMNS = ("org_unit_id", "created_at", "updated_at", "entity_type", "name", "uscc", "legal_rep", "registered_on",
           "village_id", "address", "industry", "registered_capital", "status", "cancelled_on", "note")  # fmt: skip


def credit_code(n: int, category: str) -> str:
    """A valid unified social credit code (GB 32100-2015) of market regulation ("9"),
    the category's, unique by `n`: the bench's own serials ("MB…") in Yunyang's area code."""
    from fazhi.core.validators import uscc_check_char

    first17 = f"9{category}500235MB{n:07d}"
    return first17 + uscc_check_char(first17)


def make_workbook(rows: int, town, villages: list[str]) -> bytes:
    """The ledger as the register's template has it, `rows` new registrations of 2023."""
    import xlsxwriter

    from fazhi.core.registers.excel import export_headers
    from fazhi.services.definitions.market import entities

    headers = export_headers(entities)
    expected = ["系统编号", "所属单位代码", "主体类型", "名称", "统一社会信用代码", "法定代表人（经营者）", "成立日期",
                "所在村（社区）", "住所（经营场所）", "行业", "注册资本（万元）", "登记状态", "注销日期", "备注"]  # fmt: skip
    if headers != expected:
        raise SystemExit(f"the register's template changed: {headers}")
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("市场主体登记")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for c, h in enumerate(headers):
        ws.write_string(0, c, h)
    first = dt.date(2023, 1, 1)
    short = town.name.removesuffix("镇")
    for n in range(1, rows + 1):
        kind, category = KINDS[n % len(KINDS)]
        village = villages[n % len(villages)] if n % 4 else ""
        ws.write_string(n, 1, town.code)
        ws.write_string(n, 2, kind)
        ws.write_string(n, 3, f"云阳县{short}{'商行' if category == '2' else '实业有限公司'}{n}号")
        ws.write_string(n, 4, credit_code(n, category))
        ws.write_string(n, 5, PEOPLE[n % len(PEOPLE)])
        ws.write_datetime(n, 6, dt.datetime.combine(first + dt.timedelta(days=n % 365), dt.time()), date_fmt)
        if village:
            ws.write_string(n, 7, village)
        ws.write_string(n, 8, f"重庆市云阳县{town.name}{village or '滨江路'}{n % 300 + 1}号")
        ws.write_string(n, 9, INDUSTRIES[n % len(INDUSTRIES)])
        ws.write_number(n, 10, 5 + n % 50)
        ws.write_string(n, 11, "存续")
        if n % 10 == 0:
            ws.write_string(n, 13, "县市场监管局登记导出")
    wb.close()
    return buf.getvalue()


def baseline(data: bytes, town) -> tuple[int, float]:
    """Read the file with openpyxl (read-only) and insert its rows raw, in one transaction."""
    from django.db import connection, transaction
    from django.utils import timezone
    from openpyxl import load_workbook

    from fazhi.core.models import OrgUnit
    from fazhi.services.choices import EntityType

    started = time.perf_counter()
    # The cells' words to stored values: a dict lookup each, as any loader needs.
    units = dict(OrgUnit.objects.filter(path__startswith=town.path).values_list("code", "id"))
    villages = dict(OrgUnit.objects.filter(path__startswith=town.path, kind__in=("village", "community"))
                    .values_list("name", "id"))  # fmt: skip
    kinds = {"个体工商户": EntityType.INDIVIDUAL.value, "有限责任公司（自然人独资）": EntityType.ENTERPRISE.value,
             "农民专业合作社": EntityType.COOPERATIVE.value}  # fmt: skip
    status = {"存续": "existing", "注销": "cancelled"}
    pg = connection.vendor == "postgresql"
    now = timezone.now()
    stamp = now if pg else connection.ops.adapt_datetimefield_value(now)
    wb = load_workbook(io.BytesIO(data), read_only=True)
    rows = []
    for row in wb.worksheets[0].iter_rows(min_row=2, values_only=True):
        _, unit, kind, name, code, rep, day, village, address, industry, capital, state, cancelled, note = row
        day = day.date()
        capital = None if capital is None else Decimal(str(capital))
        rows.append((units[unit], stamp, stamp, kinds[kind], name, code, rep, day if pg else day.isoformat(),
                     villages.get(village), address, industry or "", capital if pg else str(capital),
                     status[state], cancelled, note or ""))  # fmt: skip
    wb.close()
    cols = ", ".join(COLUMNS)
    with transaction.atomic():
        raw = connection.connection
        if pg:
            with raw.cursor() as cur, cur.copy(f"COPY services_marketentity ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in COLUMNS)
            raw.executemany(f"INSERT INTO services_marketentity ({cols}) VALUES ({marks})", rows)  # noqa: S608
    return len(rows), time.perf_counter() - started


def real_import(data: bytes, user) -> tuple[int, float]:
    """The register's import, as its page runs it on an upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.services.imports.market import import_entities

    upload = SimpleUploadedFile("市场主体登记导出.xlsx", data, content_type="application/octet-stream")
    started = time.perf_counter()
    result = import_entities(user, upload)
    elapsed = time.perf_counter() - started
    if not result.ok:
        shown = "; ".join(f"row {e.row} {e.column}: {e.message}" for e in result.errors[:5])
        raise SystemExit(f"the import refused the file ({len(result.errors)} problems): {shown}")
    return result.created, elapsed


def clean(after_id: int) -> None:
    """Delete the rows a run inserted (their audit events stay: the audit table is append-only)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM services_marketentity WHERE id > %s", [after_id])


def clerk_of(town):
    from fazhi.core.models import User

    clerks = User.objects.filter(org_unit=town, groups__name="window_clerk", is_active=True)
    user = clerks.order_by("id").first()
    if user is None:
        raise SystemExit(f"no active window clerk (window_clerk) in {town.name}")
    return user


def main() -> None:
    parser = demo_parser(__doc__.splitlines()[0])
    parser.set_defaults(repeat=3)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--lift-caps", action="store_true",
                        help="raise FAZHI_IMPORT_MAX_ROWS and FAZHI_IMPORT_MAX_BYTES for this run to fit --rows")  # fmt: skip
    parser.add_argument("--profile", action="store_true", help="cProfile one import; print the top functions")
    args = parser.parse_args()
    if args.lift_caps:
        os.environ["FAZHI_IMPORT_MAX_ROWS"] = str(args.rows)
        os.environ["FAZHI_IMPORT_MAX_BYTES"] = str(1024**3)
    django_setup(args.database_url, args.data_dir)
    from django.conf import settings
    from django.db import connection
    from django.db.models import Max

    from fazhi.core.choices import OrgKind
    from fazhi.core.models import OrgUnit
    from fazhi.services.models import MarketEntity

    town = demo_town()
    user = clerk_of(town)
    cap = settings.FAZHI_IMPORT_MAX_ROWS
    rows = args.rows
    if rows > cap:
        print(f"note: the import takes at most {cap:,} rows (FAZHI_IMPORT_MAX_ROWS): {rows:,} rows would be "
              f"refused ('一次最多导入{cap}行，请分批导入'); measuring {cap:,} rows (--lift-caps to raise it)")  # fmt: skip
        rows = cap
    villages = list(
        OrgUnit.objects.filter(parent=town, kind__in=(OrgKind.VILLAGE, OrgKind.COMMUNITY))
        .order_by("path")
        .values_list("name", flat=True)
    )
    started = time.perf_counter()
    data = make_workbook(rows, town, villages)
    print(f"database: {connection.vendor}; {rows:,} rows, {len(data) / 2**20:.1f} MB .xlsx "
          f"written in {time.perf_counter() - started:.1f} s; {len(villages)} villages; as {user.username}")  # fmt: skip
    if len(data) > settings.FAZHI_IMPORT_MAX_BYTES:
        raise SystemExit(f"the file is over FAZHI_IMPORT_MAX_BYTES ({settings.FAZHI_IMPORT_MAX_BYTES:,} bytes): "
                         "fewer --rows, or --lift-caps")  # fmt: skip
    last_id = MarketEntity.objects.aggregate(m=Max("id"))["m"] or 0

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        real_import(data, user)
        profiler.disable()
        clean(last_id)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return

    base_rates, import_rates = [], []
    for run in range(1, args.repeat + 1):
        n, secs = baseline(data, town)
        clean(last_id)
        base_rates.append(n / secs)
        m, isecs = real_import(data, user)
        clean(last_id)
        import_rates.append(m / isecs)
        if n != rows or m != rows:
            raise SystemExit(f"expected {rows} rows, baseline inserted {n}, import created {m}")
        print(f"  run {run}: baseline {n / secs:10,.0f} rows/s ({secs:.1f} s), import {m / isecs:10,.0f} rows/s "
              f"({isecs:.1f} s), ratio {secs / isecs:.2f}")  # fmt: skip
    base, imp = statistics.median(base_rates), statistics.median(import_rates)
    print(f"baseline: {base:10,.0f} rows/s median of {args.repeat}: openpyxl read-only + raw bulk insert")
    print(f"import:   {imp:10,.0f} rows/s median of {args.repeat}: import_entities (checks + audit events)")
    print(f"ratio:    {imp / base:10.2f}   import / baseline (goal >= {GOAL:.2f})")


if __name__ == "__main__":
    main()
