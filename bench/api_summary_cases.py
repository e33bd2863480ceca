"""Benchmark: on-the-spot penalties through the mobile API under load.

Serves Fazhi with gunicorn (`fazhi serve --no-worker`) on a database of its own
(PostgreSQL with --database-url, the production case; SQLite otherwise), then,
with C concurrent keep-alive clients on loopback, measures in the same run:
- baseline: POST /api/v1/bench/insert/ (authenticate, insert one row);
- JSON: POST /api/v1/enforcement/cases/summary/ without photos;
- photo: the same with a 200 KB JPEG in multipart.
Prints requests per second and p50/p99 latency of each, and each case run's
rate as a share of the baseline (goal: >= 0.5, p99 <= 200 ms, no errors).

    python bench/api_summary_cases.py --database-url postgres://postgres@127.0.0.1:5432/fazhi_bench_api
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import _load
from bench._setup import django_setup


def prepare() -> tuple[str, dict]:
    """A town, its body, a summary matter, two officers and an officer's token."""
    import datetime as dt

    from django.db import connection
    from rest_framework.authtoken.models import Token

    from fazhi.core.demo import load
    from fazhi.core.models import OrgUnit, User
    from fazhi.enforcement.models import EnforcementBody, Matter, Officer

    load(out=lambda s: None, up_to=29)
    town = OrgUnit.objects.get(code="500235131")
    user = User.objects.get(username="officer")
    EnforcementBody.objects.get_or_create(org_unit=town, name="云阳县江口镇人民政府", kind="town",
                                          defaults={"short_code": "云江执罚"})  # fmt: skip
    matter, _ = Matter.objects.get_or_create(
        org_unit=town, code="JK-004", defaults=dict(
            name="随地吐痰、乱扔废弃物", violation_basis="重庆市市容环境卫生管理条例第四十五条",
            penalty_basis="重庆市市容环境卫生管理条例第四十五条", penalty_kinds="罚款", fine_min_individual=50,
            fine_max_individual=200, authority="assigned", summary_allowed=True))  # fmt: skip
    officers = []
    from fazhi.core.models import Person

    for i, person in enumerate(Person.objects.filter(org_unit=town).order_by("id")[:2]):
        officer, _ = Officer.objects.get_or_create(certificate_no=f"BENCH{i}", defaults=dict(
            org_unit=town, person=person, issuer="重庆市人民政府", valid_from=dt.date(2021, 1, 1),
            valid_to=dt.date(2030, 12, 31)))  # fmt: skip
        officers.append(officer.pk)
    token, _ = Token.objects.get_or_create(user=user)
    with connection.cursor() as c:
        c.execute("CREATE TABLE IF NOT EXISTS bench_ping (id SERIAL PRIMARY KEY, body TEXT)"
                  if connection.vendor == "postgresql" else
                  "CREATE TABLE IF NOT EXISTS bench_ping (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT)")  # fmt: skip
    case = {"matter": matter.pk, "party_kind": "individual", "party_name": "张三", "penalty_kind": "fine",
            "fine": "100", "officers": officers, "facts": "当事人随地乱扔废弃物。", "place": "江口镇滨江路",
            "occurred_on": dt.date.today().isoformat(), "collected_on_spot": True}  # fmt: skip
    return token.key, case


def multipart(fields: dict, photo: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        for v in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{v}\r\n'.encode()
            )
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; filename="p.jpg"\r\n'
                 "Content-Type: image/jpeg\r\n\r\n".encode() + photo + b"\r\n")  # fmt: skip
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=50, help="per client and run")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    data_dir = django_setup(args.database_url)
    token, case = prepare()
    photo = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + os.urandom(200 * 1024)

    def post(path: str, body_fn):
        def request(n: int) -> _load.Request:
            body, ctype = body_fn(n)
            headers = {
                "Authorization": f"Token {token}",
                "Content-Type": ctype,
                "Idempotency-Key": uuid.uuid4().hex,
            }
            return "POST", path, body, headers

        return request

    runs = {
        "baseline": post("/api/v1/bench/insert/", lambda i: (json.dumps({"n": i}).encode(), "application/json")),
        "json": post("/api/v1/enforcement/cases/summary/",
                     lambda i: (json.dumps({**case, "party_name": f"张{i}"}).encode(), "application/json")),
        "photo": post("/api/v1/enforcement/cases/summary/", lambda i: multipart({**case, "party_name": f"李{i}"}, photo)),
    }  # fmt: skip
    with _load.served(data_dir, args.database_url, args.port, args.workers, 2, FAZHI_BENCH="1"):
        _load.run(args.port, runs["baseline"], args.clients, 5)  # warm-up
        results = {name: _load.run(args.port, fn, args.clients, args.requests) for name, fn in runs.items()}
    from django.db import connection

    print(
        f"database: {connection.vendor}; {args.clients} clients x {args.requests} requests; gunicorn {args.workers}x2"
    )
    base = results["baseline"].rps
    for name, r in results.items():
        share = "" if name == "baseline" else f"   {r.rps / base:.2f} of baseline"
        print(r.line(name) + share)
        for e in r.errors[:3]:
            print("   ", e)


if __name__ == "__main__":
    main()
