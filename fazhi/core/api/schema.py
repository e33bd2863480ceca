"""OpenAPI post-processing: the committed schema must be the same whatever the
database. Django derives an integer field's bounds from the backend (SQLite
reports 64-bit ranges for small and positive integer fields, PostgreSQL their
real sizes), so those storage-derived maxima are dropped; bounds a serializer
states itself are kept."""

from __future__ import annotations

_STORAGE_MAXIMA = {32767, 2147483647, 9223372036854775807}


def _strip(node) -> None:
    if isinstance(node, dict):
        if node.get("type") == "integer" and node.get("maximum") in _STORAGE_MAXIMA:
            node.pop("maximum")
            if node.get("format") == "int64":
                node.pop("format")
        for value in node.values():
            _strip(value)
    elif isinstance(node, list):
        for value in node:
            _strip(value)


def database_independent(result, generator, request, public):
    _strip(result)
    return result
