"""The demo data set: Yunyang County → Jiangkou Town, 2023.

One loader for the whole project. Each app adds a step (a function taking a
DemoContext) with `step(order)`; `load()` runs them in order. Every step is
deterministic (it draws from ctx.rng, seeded) and idempotent (it looks records
up by their natural keys before creating them), so running `fazhi demo` twice
leaves one copy of everything.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

SEED = 20231231
DEMO_PASSWORD = "Jiangkou@2023"  # noqa: S105  (printed demo password, demo data only)

_STEPS: list[tuple[int, str, Callable[[DemoContext], None]]] = []


@dataclass
class DemoContext:
    rng: random.Random
    out: Callable[[str], None]
    objects: dict[str, Any] = field(default_factory=dict)  # shared between steps: "town", "county", ...
    # (username, role label, password, otpauth URI or "")
    users: list[tuple[str, str, str, str]] = field(default_factory=list)


def step(order: int) -> Callable:
    def register(fn: Callable[[DemoContext], None]) -> Callable[[DemoContext], None]:
        _STEPS.append((order, fn.__module__ + "." + fn.__name__, fn))
        return fn

    return register


FOUNDATION = 29  # steps up to this order: the org tree, people and accounts


def load(out: Callable[[str], None] = print, *, up_to: int | None = None) -> DemoContext:
    """Run the demo steps in order (only those up to `up_to`, when given)."""
    from django.utils.module_loading import autodiscover_modules

    from fazhi.core import audit
    from fazhi.core.demo import town  # noqa: F401  (registers its steps)

    autodiscover_modules("demo")  # each app's demo.py registers its own steps

    ctx = DemoContext(rng=random.Random(SEED), out=out)
    with transaction.atomic():
        for order, name, fn in sorted(_STEPS, key=lambda s: (s[0], s[1])):
            if up_to is not None and order > up_to:
                continue
            # Each step gets its own generator, so adding a step never changes another's data.
            ctx.rng = random.Random(f"{SEED}:{name}")
            fn(ctx)
        audit.record(
            actor=None,
            action="core.demo.loaded",
            org_unit_id=ctx.objects["town"].pk,
            target_repr="演示数据：云阳县江口镇",
            new={"steps": [n for _, n, _ in _STEPS]},
        )
    return ctx
