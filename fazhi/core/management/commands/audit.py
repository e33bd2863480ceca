from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import audit_verify


class Command(BaseCommand):
    help = "审计记录：verify 校验哈希链；checkpoint 导出链头检查点；purge 按保存期整月清理"

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        v = sub.add_parser("verify", help="校验全部审计链，发现问题时以非零状态退出")
        v.add_argument("--checkpoint", type=Path, help="同时与此前导出的检查点文件比对")
        c = sub.add_parser("checkpoint", help="把每条链的链头（序号、哈希、时间）和校验码写入文件，另行保存")
        c.add_argument("file", type=Path)
        p = sub.add_parser("purge", help="清理某月1日之前、且早于保存期（180天）的整月审计记录")
        p.add_argument("--before", required=True, help="YYYY-MM-01")

    def handle(self, *args, **options) -> None:
        getattr(self, f"do_{options['verb']}")(options)

    def do_verify(self, options) -> None:
        report = audit_verify.verify()
        problems = [b.message() for b in report.breaks]
        if options.get("checkpoint"):
            if not options["checkpoint"].exists():
                raise CommandError(f"检查点文件不存在：{options['checkpoint']}")
            problems += audit_verify.check_against(options["checkpoint"])
        if problems:
            raise CommandError("审计链校验失败：\n" + "\n".join(problems))
        self.stdout.write(f"审计链完好：{report.chains}条链，{report.events}个事件")

    def do_checkpoint(self, options) -> None:
        body = audit_verify.write_checkpoint(options["file"])
        self.stdout.write(
            f"已写入检查点：{options['file']}（{len(body['chains'])}条链）。请将文件另行保存在本机以外。"
        )

    def do_purge(self, options) -> None:
        try:
            before = dt.date.fromisoformat(options["before"])
            removed = audit_verify.purge(before)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已清理{removed}个审计事件（已先写入检查点）")
