from __future__ import annotations

import secrets
import string

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from fazhi.core import audit, otp, workdays
from fazhi.core.roles import ADMIN_ROLES, ROLES

ADMIN_NAMES = {"sysadmin": "系统管理员", "secadmin": "安全管理员", "auditor": "审计管理员"}


def random_password(length: int = 16) -> str:
    """A password that meets the 3-of-4 character class rule, from a CSPRNG."""
    alphabet = string.ascii_letters + string.digits + "@#%+=-"
    while True:
        pw = "".join(secrets.choice(alphabet) for _ in range(length))
        if (
            any(c.islower() for c in pw)
            and any(c.isupper() for c in pw)
            and any(c.isdigit() for c in pw)
            and any(not c.isalnum() for c in pw)
        ):
            return pw


class Command(BaseCommand):
    help = "初始化：迁移数据库、写入角色和节假日日历、创建三员管理账号（密码只显示一次）"

    def handle(self, *args, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        years = workdays.seed_from_package()
        self.stdout.write(f"数据库已就绪；角色 {len(ROLES)} 个；节假日日历 {years} 个年度（2004年起）。")
        created = self.create_admins()
        if created:
            self.stdout.write(self.style.WARNING("以下管理员初始密码只显示这一次，首次登录后须修改："))
            for username, password, uri in created:
                self.stdout.write(f"  {ADMIN_NAMES[username]}  用户名 {username}  初始密码 {password}")
                self.stdout.write(f"    动态验证码密钥（用身份验证器应用添加）：{uri}")
        else:
            self.stdout.write("三员管理账号已存在，未改动。")

    @transaction.atomic
    def create_admins(self) -> list[tuple[str, str, str]]:
        from django.contrib.auth.models import Group

        from fazhi.core.models import User

        created = []
        for role in ADMIN_ROLES:
            if User.objects.filter(username=role).exists():
                continue
            password = random_password()
            user = User(username=role, display_name=ADMIN_NAMES[role], must_change_password=True)
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=role))
            uri = otp.enrol(user)
            audit.record(
                actor=None,
                action="core.user.created",
                target=user,
                target_repr=role,
                new={"username": role, "roles": [role], "totp": True},
            )
            created.append((role, password, uri))
        return created
