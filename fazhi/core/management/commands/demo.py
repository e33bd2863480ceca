from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from fazhi.core import demo


class Command(BaseCommand):
    help = "初始化并载入演示数据（云阳县江口镇），然后启动网站（--no-serve 只载入不启动）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-serve", action="store_true")
        parser.add_argument(
            "--foundation-only", action="store_true", help="只载入组织、人员和账号（测试与快速体验用）"
        )
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, **options) -> None:
        call_command("init", stdout=self.stdout)
        ctx = demo.load(out=self.stdout.write, up_to=demo.FOUNDATION if options["foundation_only"] else None)
        self.stdout.write(self.style.SUCCESS("演示数据已载入。演示账号（演示密码，仅用于体验）："))
        for username, role, password, uri in ctx.users:
            self.stdout.write(f"  {role:<20} 用户名 {username:<10} 密码 {password}")
            if uri:
                self.stdout.write(f"    动态验证码：用身份验证器应用添加 {uri}")
                self.stdout.write(f"    或运行 fazhi totp {username} 查看当前6位动态码（仅演示账号）")
        if not options["no_serve"]:
            call_command("serve", port=options["port"], host=options["host"])
