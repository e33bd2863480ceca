from django.core.management.base import BaseCommand, CommandError

from fazhi.core import otp
from fazhi.core.models import User


class Command(BaseCommand):
    help = "显示某账号当前的6位动态验证码（供演示和应急使用；每次显示均留痕）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, **options) -> None:
        from fazhi.core import audit

        user = User.objects.filter(username=options["username"]).first()
        if user is None or otp.device_for(user) is None:
            raise CommandError("该账号不存在或未设置动态验证码")
        audit.record(actor=None, action="core.user.totp_shown", target=user, target_repr=user.username)
        self.stdout.write(otp.current_code(user))
