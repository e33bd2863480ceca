"""Afterwards, on a site of _live_site: what the on-the-spot case action
guarantees (every case whole, one per Idempotency-Key), the storage's own checks
(PRAGMA integrity_check, amcheck) and the audit chain (`fazhi audit verify`)."""

from __future__ import annotations

import json

# -- afterwards: what the case-creation action guarantees, and the storage's own checks --

# Run in a subprocess on the site's settings, with the path of a JSON file
# {"acked": {key: {"id": .., "decision_no": ..}}, "keys": [every key sent]};
# prints a JSON report whose "problems" must be empty.
CHECK = r"""
import collections, json, sys, django
django.setup()
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from fazhi.core import audit_verify
from fazhi.core.models import AuditEvent, AuditHead, Deadline, IdempotencyRecord
from fazhi.enforcement.models import Case, CaseStep, Party

given = json.load(open(sys.argv[1]))
acked, keys = given["acked"], set(given["keys"])
problems = []
cases = {c.pk: c for c in Case.objects.all()}
records = {r.key: r for r in IdempotencyRecord.objects.all()}

# Every acknowledged write is there, as it was answered.
for key, ack in acked.items():
    case = cases.get(ack["id"])
    if case is None:
        problems.append(f"acknowledged case {ack['id']} (key {key}) is missing")
    elif case.decision_no != ack["decision_no"]:
        problems.append(f"case {case.pk}: decision_no {case.decision_no!r}, answered {ack['decision_no']!r}")
# One key, one case; no case without its key; no key left without its answer.
answered = collections.Counter()
for key, r in records.items():
    if r.status_code != 201:
        problems.append(f"idempotency record {key}: status {r.status_code}")
        continue
    answered[json.loads(r.response_body)["id"]] += 1
    if key not in keys:
        problems.append(f"idempotency record {key} of a key never sent")
for pk in cases:
    if answered[pk] != 1:
        problems.append(f"case {pk} is the answer of {answered[pk]} idempotency records")
if set(records) != keys:
    problems.append(f"{len(keys - set(records))} keys sent have no record, {len(set(records) - keys)} records no key")

# Each case whole: its party, two officers, its steps, its number, its deadline
# and one audit event per step.
steps = collections.defaultdict(list)
for case_id, action in CaseStep.objects.order_by("id").values_list("case_id", "action"):
    steps[case_id].append(action)
events = collections.defaultdict(list)
for target, action in AuditEvent.objects.filter(target_type="enforcement.case").order_by("id").values_list(
        "target_id", "action"):
    events[target].append(action)
officers = collections.Counter(Case.officers.through.objects.values_list("case_id", flat=True))
ct = ContentType.objects.get_for_model(Case)
open_deadlines = collections.Counter(
    Deadline.objects.filter(content_type=ct, closed_at__isnull=True).values_list("object_id", flat=True))
party_events = collections.Counter(
    AuditEvent.objects.filter(action="enforcement.party.created").values_list("target_id", flat=True))
numbers = collections.Counter((c.body_id, c.decision_no) for c in cases.values())
for case in cases.values():
    expected = ["record", "decide", "hand_over"] + (["record_payment", "close"] if case.collected_on_spot else [])
    status = "closed" if case.collected_on_spot else "served"
    if steps[case.pk] != expected:
        problems.append(f"case {case.pk}: steps {steps[case.pk]}")
    if [e.split(".")[-1] for e in events[str(case.pk)]] != ["recorded", *expected[1:]]:
        problems.append(f"case {case.pk}: audit events {events[str(case.pk)]}")
    if case.status != status or case.version != len(expected):
        problems.append(f"case {case.pk}: status {case.status}, version {case.version}")
    if officers[case.pk] != 2:
        problems.append(f"case {case.pk}: {officers[case.pk]} officers")
    if not case.decision_no or numbers[(case.body_id, case.decision_no)] != 1:
        problems.append(f"case {case.pk}: decision number {case.decision_no!r} not unique")
    if open_deadlines[str(case.pk)] != (0 if case.collected_on_spot else 1):
        problems.append(f"case {case.pk}: {open_deadlines[str(case.pk)]} open deadlines")
    if party_events[str(case.party_id)] != 1:
        problems.append(f"case {case.pk}: party {case.party_id} has {party_events[str(case.party_id)]} events")
if Party.objects.count() != len(cases):
    problems.append(f"{Party.objects.count()} parties for {len(cases)} cases (a party without its case)")

# The audit chain verifies, and its head is its last event.
report = audit_verify.verify()
problems += [f"audit chain {b.chain} broken at {b.seq}: {b.kind} {b.message}" for b in report.breaks]
for head in AuditHead.objects.all():
    last = AuditEvent.objects.filter(chain=head.chain).order_by("-seq").first()
    if last is None or (last.seq, last.hash) != (head.seq, head.hash):
        problems.append(f"audit head of chain {head.chain} is not its last event")

# The storage's own checks.
storage = []
with connection.cursor() as c:
    if connection.vendor == "sqlite":
        c.execute("PRAGMA integrity_check")
        storage = [r[0] for r in c.fetchall()]
        if storage != ["ok"]:
            problems.append(f"PRAGMA integrity_check: {storage[:5]}")
        c.execute("PRAGMA foreign_key_check")
        fk = c.fetchall()
        if fk:
            problems.append(f"PRAGMA foreign_key_check: {fk[:5]}")
    else:
        c.execute("CREATE EXTENSION IF NOT EXISTS amcheck")
        c.execute(
            "SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE am.amname = 'btree' AND n.nspname = 'public' AND i.indisvalid ORDER BY c.relname")
        indexes = c.fetchall()
        for oid, name in indexes:
            try:
                c.execute("SELECT bt_index_check(%s::regclass, true)", [oid])
            except Exception as exc:
                problems.append(f"bt_index_check({name}): {exc}")
        c.execute(
            "SELECT c.relname, v.* FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, "
            "LATERAL verify_heapam(c.oid) v WHERE n.nspname = 'public' AND c.relkind = 'r'")
        heap = c.fetchall()
        if heap:
            problems.append(f"verify_heapam: {heap[:5]}")
        storage = [f"{len(indexes)} btree indexes checked (heapallindexed), heap verified"]
print(json.dumps({"cases": len(cases), "acked": len(acked), "keys": len(keys), "audit_events": report.events,
                  "audit_chains": report.chains, "storage": storage, "problems": problems[:50],
                  "problem_count": len(problems)}, ensure_ascii=False))
"""


def check(s, acked: dict, keys: set) -> dict:
    """The invariants above, `fazhi audit verify` too; asserts none is broken."""
    path = s.data_dir / "written.json"
    path.write_text(json.dumps({"acked": acked, "keys": sorted(keys)}))
    report = json.loads(s.python(CHECK, str(path), timeout=240).strip().splitlines()[-1])
    assert report["problem_count"] == 0, report
    verify = s.fazhi("audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    report["audit_verify"] = verify.stdout.strip().splitlines()[-1] if verify.stdout.strip() else ""
    return report
