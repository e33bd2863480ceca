"""Panels that apps add to the workbench (工作台), each shown to whom it concerns.

An app registers a function `panel(user) -> Panel | None` in its AppConfig.ready();
core lists them without knowing what they show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Panel:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PANELS: list[Callable[[Any], Panel | None]] = []


def register(fn: Callable[[Any], Panel | None]) -> Callable[[Any], Panel | None]:
    if fn not in PANELS:
        PANELS.append(fn)
    return fn


def panels_for(user) -> list[Panel]:
    found = [p for p in (fn(user) for fn in PANELS) if p is not None]
    return sorted(found, key=lambda p: p.order)
