"""Walking the audit chains: verification, checkpoints kept off the machine,
and the retention purge.

`verify()` recomputes every event's hash and follows the links. The first
event that does not fit is named, with what happened to it:
- changed: its content no longer matches its hash, or its link to the event
  before it was replaced;
- removed: an event is missing (a gap in the sequence, or events after the
  last one the chain's head knew of are gone);
- moved: events are out of their order of writing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.core import sm3
from fazhi.core.audit import CANONICAL_FIELDS, GENESIS, event_hash, format_at
from fazhi.core.audit_guard import maintenance
from fazhi.core.models import AuditCheckpoint, AuditEvent, AuditHead

KIND_CN = {"changed": "被修改", "removed": "被删除", "moved": "被移动（顺序被打乱）"}


@dataclass
class Break:
    chain: int
    seq: int
    kind: str
    event_id: int | None = None
    detail: str = ""

    def message(self) -> str:
        where = f"审计链{self.chain}第{self.seq}号事件"
        if self.event_id is not None:
            where += f"（ID {self.event_id}）"
        text = f"{where}{KIND_CN[self.kind]}"
        return f"{text}：{self.detail}" if self.detail else text


@dataclass
class Report:
    chains: int = 0
    events: int = 0
    breaks: list[Break] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.breaks


def _describe(values: tuple) -> str:
    at = values[2]
    return f"{timezone.localtime(at):%Y-%m-%d %H:%M:%S} {values[4] or '系统'} {values[7]}"


def verify_chain(chain: int, *, chunk_size: int = 20000) -> tuple[int, Break | None]:
    """(events checked, first break or None) for one chain."""
    checkpoint = AuditCheckpoint.objects.filter(chain=chain).order_by("-seq").first()
    expected = checkpoint.seq + 1 if checkpoint else 1
    prev = checkpoint.hash if checkpoint else GENESIS
    count = 0
    rows = (
        AuditEvent.objects.filter(chain=chain)
        .order_by("id")
        .values_list("id", *CANONICAL_FIELDS, "hash")
        .iterator(chunk_size=chunk_size)
    )
    for row in rows:
        event_id, values, stored = row[0], row[1:-1], row[-1]
        seq = values[1]
        if event_hash(values) != stored:
            return count, Break(chain, seq, "changed", event_id, f"内容与哈希不符（{_describe(values)}）")
        if seq != expected:
            if seq > expected and not AuditEvent.objects.filter(chain=chain, seq=expected).exists():
                return count, Break(chain, expected, "removed", None, f"其后的第{seq}号事件仍在")
            return count, Break(chain, seq, "moved", event_id, f"此处应为第{expected}号事件")
        if values[-1] != prev:
            return count, Break(chain, seq, "changed", event_id, "与前一事件的链接不符，前一事件被替换")
        prev = stored
        expected += 1
        count += 1
    head = AuditHead.objects.filter(chain=chain).first()
    if head is not None and head.seq >= expected:
        return count, Break(chain, expected, "removed", None, f"链尾缺失，链头记录最后为第{head.seq}号")
    if head is not None and head.seq == expected - 1 and head.seq > 0 and head.hash != prev:
        return count, Break(chain, head.seq, "changed", None, "链头与最后一个事件不符")
    return count, None


def chains() -> list[int]:
    found = set(AuditHead.objects.values_list("chain", flat=True))
    found.update(AuditEvent.objects.values_list("chain", flat=True).distinct())
    return sorted(found)


def verify() -> Report:
    report = Report()
    for chain in chains():
        count, brk = verify_chain(chain)
        report.chains += 1
        report.events += count
        if brk is not None:
            report.breaks.append(brk)
    return report


# -- checkpoints kept off the machine -----------------------------------------


def _mac_key() -> bytes:
    return (getattr(settings, "FAZHI_AUDIT_KEY", "") or settings.SECRET_KEY).encode()


def _mac(body: dict) -> str:
    data = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    return sm3.hmac_sm3_hex(_mac_key(), data)


def write_checkpoint(path: Path) -> dict:
    """The head of every chain (sequence, hash, time), with an HMAC, to keep off the machine."""
    heads = []
    for head in AuditHead.objects.order_by("chain"):
        last = AuditEvent.objects.filter(chain=head.chain, seq=head.seq).values_list("at", flat=True).first()
        heads.append(
            {"chain": head.chain, "seq": head.seq, "hash": head.hash, "at": format_at(last) if last else ""}
        )
    body = {"format": "fazhi-audit-checkpoint/1", "created_at": format_at(timezone.now()), "chains": heads}
    body["mac"] = _mac(body)
    path.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    return body


def check_against(path: Path) -> list[str]:
    """Problems found when comparing the database with a checkpoint file; empty when
    every recorded head is still there with the same hash."""
    body = json.loads(path.read_text(encoding="utf-8"))
    mac = body.pop("mac", "")
    if mac != _mac(body):
        return ["检查点文件的校验码不符：文件被修改，或本系统的审计密钥与生成时不同"]
    problems = []
    for entry in body.get("chains", []):
        chain, seq, expected_hash = entry["chain"], entry["seq"], entry["hash"]
        if seq == 0:
            continue
        stored = AuditEvent.objects.filter(chain=chain, seq=seq).values_list("hash", flat=True).first()
        if stored is None:
            purged = AuditCheckpoint.objects.filter(chain=chain, seq__gte=seq).exists()
            if not purged:
                problems.append(f"审计链{chain}第{seq}号事件缺失：检查点之前的记录被删除")
        elif stored != expected_hash:
            problems.append(f"审计链{chain}第{seq}号事件与检查点不符：检查点之前的记录被改写")
    return problems


# -- retention purge ------------------------------------------------------------


def earliest_allowed_cutoff(today: dt.date | None = None) -> dt.date:
    """The latest `before` date a purge may use: the first day of the month that
    contains the day `retention` days ago, so that only whole months older than
    the retention period go (网络安全法 第21条: at least six months)."""
    today = today or timezone.localdate()
    days = max(180, getattr(settings, "FAZHI_AUDIT_RETENTION_DAYS", 180))
    oldest_kept = today - dt.timedelta(days=days)
    return oldest_kept.replace(day=1)


class PurgeRefused(ValueError):
    pass


def purge(before: dt.date, *, actor=None, today: dt.date | None = None) -> int:
    """Remove events older than `before` (the first day of a month), chain by chain,
    after writing each chain's checkpoint. Returns the number of events removed."""
    if before.day != 1:
        raise PurgeRefused("清理截止日期须为某月1日：只能整月清理")
    limit = earliest_allowed_cutoff(today)
    if before > limit:
        raise PurgeRefused(f"审计记录至少保存180天：最多清理到{limit:%Y-%m-%d}之前的整月")
    cutoff = timezone.make_aware(dt.datetime.combine(before, dt.time()))
    removed = 0
    with transaction.atomic():
        plan = []
        for chain in chains():
            last = (
                AuditEvent.objects.filter(chain=chain, at__lt=cutoff)
                .order_by("-seq")
                .values_list("seq", "hash", "at")
                .first()
            )
            if last is not None:
                plan.append((chain, *last))
        for chain, seq, hash_, at in plan:
            AuditCheckpoint.objects.create(chain=chain, seq=seq, hash=hash_, at=at)
        reason = f"清理{before:%Y-%m-%d}之前的审计记录（保存期满）"
        with maintenance(reason, actor=actor):
            for chain, seq, _, _ in plan:
                deleted, _ = AuditEvent.objects.filter(chain=chain, seq__lte=seq).delete()
                removed += deleted
    return removed
