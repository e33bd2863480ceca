"""Idempotency and concurrent edits against the real gunicorn (two workers, four
threads each), on SQLite and on PostgreSQL (shared/docs/security.md, "data"):

- a phone retrying: the same Idempotency-Key sent by several clients at once
  makes one case, and every client gets its answer; the same key with another
  body is refused (422); keys are per user;
- two clients editing one record: the second, holding a version that is no
  longer current, gets a conflict with a Chinese message (409 for a case step
  or a stale `version` in the body, 412 for a stale If-Match) and the first
  one's change stays; re-reading and trying again then goes through.

Each test prints its figures (run with -s to see them).
"""

from __future__ import annotations

import json
import sys
import threading
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _live_site import case_body, post_case, request, site

THREADS = 8
ROUNDS = 5
STALE = "已被他人修改"

# Counts, per key, the idempotency records and the cases with the party names given.
COUNT = r"""
import json, sys, django
django.setup()
from fazhi.core.models import IdempotencyRecord
from fazhi.enforcement.models import Case
given = json.load(open(sys.argv[1]))
print(json.dumps({
    "records": {k: IdempotencyRecord.objects.filter(key=k).count() for k in given["keys"]},
    "cases": {n: Case.objects.filter(party__name=n).count() for n in given["names"]},
}))
"""


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live(request):
    with site(request.param, prefix="fazhi_idem", workers=2, threads=4) as s:
        s.start()
        yield s


def _at_once(calls: list) -> list:
    """Run the calls in threads released together; their answers in order."""
    barrier = threading.Barrier(len(calls))
    answers: list = [None] * len(calls)

    def run(i: int) -> None:
        barrier.wait()
        answers[i] = calls[i]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert all(a is not None for a in answers), "a request did not come back"
    return answers


def _counts(s, keys: list[str], names: list[str]) -> dict:
    path = s.data_dir / f"count-{uuid.uuid4().hex}.json"
    path.write_text(json.dumps({"keys": keys, "names": names}))
    return json.loads(s.python(COUNT, str(path)).strip().splitlines()[-1])


def _api(s, method: str, path: str, token: str, body: dict | None = None, headers: dict | None = None):
    h = {"Authorization": f"Token {token}", "Content-Type": "application/json", **(headers or {})}
    return request(
        s.port, method, path, body=json.dumps(body).encode() if body is not None else None, headers=h
    )


def test_one_key_sent_by_many_clients_at_once_makes_one_case(live):
    token, keys, names, replayed = live.info["tokens"][0], [], [], 0
    for r in range(ROUNDS):
        key, body = uuid.uuid4().hex, case_body(live.info, 1000 + r, collected=r % 2 == 0)
        keys.append(key)
        names.append(body["party_name"])
        answers = _at_once([lambda b=body, k=key: post_case(live.port, token, b, k)] * THREADS)
        assert [a.status for a in answers] == [201] * THREADS, [(a.status, a.body[:200]) for a in answers]
        assert len({a.json()["id"] for a in answers}) == 1
        assert len({a.json()["decision_no"] for a in answers}) == 1
        flags = [a.headers.get("idempotent-replayed") for a in answers]
        assert flags.count("true") == THREADS - 1, flags
        replayed += flags.count("true")
    counts = _counts(live, keys, names)
    assert set(counts["records"].values()) == {1} and set(counts["cases"].values()) == {1}, counts
    print(
        f"\n{live.vendor}: {ROUNDS} keys x {THREADS} concurrent clients: {ROUNDS} cases, {replayed} replays"
    )


def test_one_key_with_two_bodies_at_once_makes_one_case_and_refuses_the_other(live):
    token, key = live.info["tokens"][0], uuid.uuid4().hex
    first, second = case_body(live.info, 2001), case_body(live.info, 2002)
    calls = [lambda b=b: post_case(live.port, token, b, key) for b in [first, second] * (THREADS // 2)]
    answers = _at_once(calls)
    by_body = {n: [a for i, a in enumerate(answers) if i % 2 == n] for n in (0, 1)}
    winner = 0 if by_body[0][0].status == 201 else 1
    assert {a.status for a in by_body[winner]} == {201}
    assert len({a.json()["id"] for a in by_body[winner]}) == 1
    for a in by_body[1 - winner]:
        assert a.status == 422 and a.json()["code"] == "idempotency_key_reused", a.body[:300]
        assert "内容不同" in a.json()["detail"]
    counts = _counts(live, [key], [first["party_name"], second["party_name"]])
    assert counts["records"] == {key: 1} and sorted(counts["cases"].values()) == [0, 1], counts


def test_the_same_key_of_two_users_makes_a_case_for_each(live):
    key = uuid.uuid4().hex
    bodies = [case_body(live.info, 3001), case_body(live.info, 3002)]
    answers = _at_once(
        [
            lambda t=t, b=b: post_case(live.port, t, b, key)
            for t, b in zip(live.info["tokens"], bodies, strict=True)
        ]
    )
    assert [a.status for a in answers] == [201, 201]
    assert answers[0].json()["id"] != answers[1].json()["id"]
    assert _counts(live, [key], [b["party_name"] for b in bodies])["records"] == {key: 2}


def _served_case(live) -> dict:
    answer = post_case(live.port, live.info["tokens"][0], case_body(live.info, 4000), uuid.uuid4().hex)
    assert answer.status == 201
    return answer.json()


def test_two_clients_taking_the_same_step_at_once_one_gets_a_conflict(live):
    tokens, outcomes = live.info["tokens"], []
    for _ in range(3):
        case = _served_case(live)
        path = f"/api/v1/enforcement/cases/{case['id']}/steps/"
        step = {"version": case["version"], "fine": "50"}
        answers = _at_once(
            [lambda t=t, p=path, d=step: _api(live, "POST", p + "record_payment/", t, d) for t in tokens]
        )
        statuses = sorted(a.status for a in answers)
        outcomes.append(statuses)
        assert statuses == [200, 409], [(a.status, a.body[:300]) for a in answers]
        refused = next(a for a in answers if a.status == 409)
        assert refused.json()["code"] == "stale_version" and STALE in refused.json()["detail"]
        # Nothing lost: the payment is there once; the refused client re-reads and goes on.
        now = _api(live, "GET", f"/api/v1/enforcement/cases/{case['id']}/", tokens[1]).json()
        assert now["version"] == case["version"] + 1
        assert [s["action"] for s in now["steps"]].count("record_payment") == 1
        again = _api(live, "POST", path + "close/", tokens[1], {"version": now["version"]})
        assert again.status == 200, again.body[:300]
        steps = [s["action"] for s in again.json()["steps"]]
        assert steps == ["record", "decide", "hand_over", "record_payment", "close"], steps
    print(f"\n{live.vendor}: the same step by two clients at once, 3 times: {outcomes}")


def test_two_clients_editing_one_person_the_stale_one_is_refused(live):
    a, b = live.info["tokens"]
    person = _api(live, "GET", "/api/v1/people/", a).json()["results"][0]
    path = f"/api/v1/people/{person['id']}/"
    read = _api(live, "GET", path, a)
    etag = read.headers["etag"]
    assert etag == f'"{read.json()["version"]}"'
    # Both read the same version; both send their edit at once: one wins, one is refused.
    answers = _at_once(
        [
            lambda t=t, n=n: _api(live, "PATCH", path, t, {"note": n}, {"If-Match": etag})
            for t, n in ((a, "甲"), (b, "乙"))
        ]
    )
    assert sorted(x.status for x in answers) == [200, 412], [(x.status, x.body[:300]) for x in answers]
    won = next(x for x in answers if x.status == 200)
    refused = next(x for x in answers if x.status == 412)
    assert refused.json()["code"] == "stale_version" and STALE in refused.json()["detail"]
    kept = _api(live, "GET", path, a)
    assert kept.json()["note"] == json.loads(won.body)["note"] and kept.headers["etag"] == won.headers["etag"]
    # A stale `version` in the body is a conflict too; with the current one the edit goes through.
    stale = _api(live, "PATCH", path, b, {"note": "丙", "version": read.json()["version"]})
    assert stale.status == 409 and STALE in stale.json()["detail"]
    fresh = _api(live, "PATCH", path, b, {"note": "丙"}, {"If-Match": kept.headers["etag"]})
    assert fresh.status == 200 and fresh.json()["note"] == "丙"
    assert fresh.json()["version"] == read.json()["version"] + 2
