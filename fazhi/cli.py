"""The `fazhi` command: every Django management command, with Fazhi's settings.

fazhi init | demo | serve | worker | deadline START AMOUNT UNIT | migrate | ...
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        args = ["help"]
    execute_from_command_line(["fazhi", *args])


if __name__ == "__main__":
    main()
