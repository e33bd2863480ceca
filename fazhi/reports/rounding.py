"""How an official report writes a count: exact, or rounded down to a multiple of
10^k with "余" ("more than") when something was dropped (12 → "10余", 103 →
"100余", 30412 → "30000余", an exact 100 → "100"). Never rounded up; a count
below 10^k is written exactly (rounding it down would say nothing)."""

from __future__ import annotations


def round_down(n: int, k: int) -> tuple[int, bool]:
    """(the count rounded down to a multiple of 10^k, whether anything was dropped)."""
    if n < 0:
        raise ValueError("a count is never negative")
    step = 10**k
    if k <= 0 or n < step:
        return n, False
    kept = n - n % step
    return kept, kept != n


def count_text(n: int, unit: str, k: int = 0) -> str:
    """The count as the report writes it, with its measure word: (12, "次", 1) → "10余次"."""
    kept, dropped = round_down(n, k)
    return f"{kept}{'余' if dropped else ''}{unit}"
