from django.core.management.base import BaseCommand, CommandError

from fazhi.core import otp
from fazhi.core.models import User


class Command(BaseCommand):
    help = "显示演示账号当前的6位动态验证码（仅限演示数据中的账号；每次显示均留痕）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *args, **options) -> None:
        from fazhi.core import audit

        user = User.objects.filter(username=options["username"]).first()
        device = otp.device_for(user) if user is not None else None
        if device is None or device.name != otp.DEMO_DEVICE_NAME:
            # A real account's code never leaves its owner's authenticator.
            raise CommandError("只能显示演示账号的动态验证码")
        audit.record(actor=None, action="core.user.totp_shown", target=user, target_repr=user.username)
        self.stdout.write(otp.current_code(user))
