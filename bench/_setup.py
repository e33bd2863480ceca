"""Shared set-up of the benchmarks: a Django environment on a data dir (and,
with --database-url, a database) of the benchmark's own, never the caller's."""

from __future__ import annotations

import os
import tempfile


def django_setup(database_url: str | None = None, data_dir: str | None = None) -> str:
    data_dir = data_dir or tempfile.mkdtemp(prefix="fazhi-bench-")
    os.environ["FAZHI_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    if database_url:
        os.environ["FAZHI_DATABASE_URL"] = database_url
    else:
        os.environ.pop("FAZHI_DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return data_dir
