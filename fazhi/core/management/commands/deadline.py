from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from fazhi.core import workdays
from fazhi.law import RuleError


class Command(BaseCommand):
    help = "计算期限到期日：fazhi deadline 起算日 数量 单位（working_days 工作日 / days 日 / months 月）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("start", help="起算日，YYYY-MM-DD（当日不计入）")
        parser.add_argument("amount", type=int, help="期间数量")
        parser.add_argument("unit", choices=list(workdays.UNITS), help="单位")
        parser.add_argument("--strict", action="store_true", help="机关自身义务：期末遇休息日不顺延")

    def handle(self, *args, **options) -> None:
        try:
            start = dt.date.fromisoformat(options["start"])
        except ValueError as exc:
            raise CommandError(f"起算日格式应为 YYYY-MM-DD：{options['start']}") from exc
        if options["amount"] < 0:
            raise CommandError("期间数量不能为负数")
        self._ensure_calendar()
        try:
            due = workdays.due_date(start, options["amount"], options["unit"], strict=options["strict"])
        except RuleError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(due.isoformat())

    def _ensure_calendar(self) -> None:
        """On a machine where `fazhi init` has not run yet, set the calendar up first."""
        from django.db import connection

        from fazhi.core.models import CalendarYear

        if CalendarYear._meta.db_table not in connection.introspection.table_names():
            call_command("migrate", interactive=False, verbosity=0)
        if not CalendarYear.objects.exists():
            workdays.seed_from_package()
