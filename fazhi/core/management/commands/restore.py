import io
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from fazhi.core import backup


class Command(BaseCommand):
    help = "恢复：把备份恢复到空的数据目录或空数据库，然后核对行数并校验审计链"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options) -> None:
        if not options["file"].exists():
            raise CommandError(f"备份文件不存在：{options['file']}")
        try:
            manifest = backup.restore(options["file"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        problems = backup.compare(manifest)
        if problems:
            raise CommandError("恢复后行数与备份不一致：\n" + "\n".join(problems))
        out = io.StringIO()
        call_command("audit", "verify", stdout=out)
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"已恢复：{len(manifest['rows'])}张表、{rows}行，行数一致；{out.getvalue().strip()}"
        )
