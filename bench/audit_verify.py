"""Benchmark: `fazhi audit verify` against reading and hashing the same rows.

Builds N chained audit events (default 1,000,000) in a fresh database, then in
the same run times
- the baseline: read the same rows from the database and SM3 their stored
  bytes, nothing else;
- verify: the real `audit_verify.verify()`.
Prints events per second for both and the ratio (goal: verify >= 0.5 x baseline).

    python bench/audit_verify.py [--events 1000000] [--chains 10] [--database-url postgres://...]
    python bench/audit_verify.py --existing --database-url postgres://.../fazhi_city   # a generated data set
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench._setup import django_setup


def build(events: int, chains: int, batch: int = 20000) -> float:
    from django.db import transaction

    from fazhi.core.audit import CANONICAL_FIELDS, GENESIS, event_hash
    from fazhi.core.models import AuditEvent, AuditHead

    started = time.perf_counter()
    heads = {c: (0, GENESIS) for c in range(1, chains + 1)}
    t0 = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
    rows = []
    for n in range(events):
        chain = n % chains + 1
        seq, prev = heads[chain]
        e = AuditEvent(
            chain=chain, seq=seq + 1, at=t0 + dt.timedelta(seconds=n * 3), actor_id=n % 55 + 1,
            actor_name=f"officer{n % 55:02d}", roles="officer", org_unit_id=chain, action="enforcement.case.changed",
            target_type="enforcement.case", target_id=str(n // 7), target_repr=f"江口镇综合执法案件{n // 7}",
            old_values='{"status":"filed"}', new_values='{"status":"investigating"}', result="success",
            message="", ip="10.0.0.8", request_id=f"{n:032x}", prev_hash=prev,
        )  # fmt: skip
        e.hash = event_hash(tuple(getattr(e, f) for f in CANONICAL_FIELDS))
        heads[chain] = (seq + 1, e.hash)
        rows.append(e)
        if len(rows) >= batch:
            with transaction.atomic():
                AuditEvent.objects.bulk_create(rows)
            rows = []
            done = n + 1
            rate = done / (time.perf_counter() - started)
            print(
                f"\r  built {done:,}/{events:,} events, about {(events - done) / rate:,.0f} s left",
                end="",
                flush=True,
            )
    with transaction.atomic():
        AuditEvent.objects.bulk_create(rows)
        AuditHead.objects.bulk_create([AuditHead(chain=c, seq=s, hash=h) for c, (s, h) in heads.items()])
    print()
    return time.perf_counter() - started


def baseline(chunk_size: int = 20000) -> tuple[int, float]:
    """Read the same rows, hash their stored bytes with SM3, nothing else."""
    from fazhi.core import sm3
    from fazhi.core.audit import CANONICAL_FIELDS
    from fazhi.core.audit_verify import chains
    from fazhi.core.models import AuditEvent

    started = time.perf_counter()
    count = 0
    for chain in chains():
        rows = (
            AuditEvent.objects.filter(chain=chain).order_by("id")
            .values_list("id", *CANONICAL_FIELDS, "hash").iterator(chunk_size=chunk_size)
        )  # fmt: skip
        for row in rows:
            sm3.sm3_hex("\x1f".join(map(str, row)).encode())
            count += 1
    return count, time.perf_counter() - started


def verify() -> tuple[int, float]:
    from fazhi.core import audit_verify

    started = time.perf_counter()
    report = audit_verify.verify()
    elapsed = time.perf_counter() - started
    if not report.ok:
        raise SystemExit("verify found a break in freshly built chains: " + report.breaks[0].message())
    return report.events, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--chains", type=int, default=10)
    parser.add_argument("--database-url", help="an empty database to use (default: SQLite in a temp dir)")
    parser.add_argument(
        "--existing", action="store_true",
        help="measure the events already in the database (e.g. a data set of bench/generate.py); build none",
    )  # fmt: skip
    args = parser.parse_args()
    django_setup(args.database_url)
    from django.db import connection

    if args.existing:
        from fazhi.core.models import AuditEvent

        print(f"database: {connection.vendor}; events: {AuditEvent.objects.count():,} already there")
    else:
        print(f"database: {connection.vendor}; events: {args.events:,} in {args.chains} chains")
        built = build(args.events, args.chains)
        print(f"build:    {args.events / built:12,.0f} events/s ({built:.1f} s)")
    n_base, t_base = baseline()
    n_ver, t_ver = verify()
    base_rate, ver_rate = n_base / t_base, n_ver / t_ver
    print(f"baseline: {base_rate:12,.0f} events/s ({t_base:.1f} s): read the rows and SM3 their bytes")
    print(f"verify:   {ver_rate:12,.0f} events/s ({t_ver:.1f} s): fazhi audit verify")
    print(f"ratio:    {ver_rate / base_rate:12.2f}   (goal >= 0.50)")


if __name__ == "__main__":
    main()
