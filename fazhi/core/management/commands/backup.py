from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import backup


class Command(BaseCommand):
    help = "备份：数据库（SQLite 在线备份或 pg_dump）、附件和清单，写入一个 .tar.gz 文件"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options) -> None:
        try:
            manifest = backup.backup(options["file"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"已备份到 {options['file']}：{len(manifest['rows'])}张表，共{rows}行。请将备份文件加密保存在本机以外。"
        )
