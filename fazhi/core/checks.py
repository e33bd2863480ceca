"""System checks of Fazhi's own, run by `fazhi check` (and `--deploy`)."""

from __future__ import annotations

from django.core.checks import Error, Tags, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def initial_passwords_changed(app_configs=None, **kwargs) -> list[Error]:
    """No account may keep the password `fazhi init` printed (GB/T 22239 8.1.4.1a)."""
    from fazhi.core.models import User
    from fazhi.core.roles import ADMIN_ROLES

    try:
        waiting = list(
            User.objects.filter(groups__name__in=ADMIN_ROLES, must_change_password=True, is_active=True)
            .values_list("username", flat=True)
            .distinct()
        )
    except DatabaseError:
        return []  # not migrated yet: nothing to check
    return [
        Error(
            f"管理员账号 {name} 仍在使用初始密码，请先登录并修改密码",
            hint="用 fazhi init 打印的初始密码登录，按提示修改",
            id="fazhi.E001",
        )
        for name in waiting
    ]


@register(Tags.security, deploy=True)
def audit_key_configured(app_configs=None, **kwargs) -> list:
    from django.conf import settings
    from django.core.checks import Warning as CheckWarning

    if not getattr(settings, "FAZHI_AUDIT_KEY", ""):
        return [
            CheckWarning(
                "未设置 FAZHI_AUDIT_KEY：审计链使用 SM3 而非 HMAC-SM3，能改写数据库的人也能重算哈希",
                hint="设置 FAZHI_AUDIT_KEY，并将审计检查点文件保存在本机以外",
                id="fazhi.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def public_url_configured(app_configs=None, **kwargs) -> list:
    """Printed codes (the officer card's QR code, the case code on a decision) must lead
    to the public portal. Without FAZHI_PUBLIC_URL a card prints the host the staff
    member happened to use (an internal name, a private address) and a decision prints
    no address at all."""
    from django.conf import settings
    from django.core.checks import Warning as CheckWarning

    if not getattr(settings, "FAZHI_PUBLIC_URL", ""):
        return [
            CheckWarning(
                "未设置 FAZHI_PUBLIC_URL：执法证核验二维码按工作人员访问的地址生成（可能是内网地址），"
                "行政处罚决定书上不印公示网站地址",
                hint="将 FAZHI_PUBLIC_URL 设为公众访问的门户地址，例如 https://fazhi.example.gov.cn",
                id="fazhi.W002",
            )
        ]
    return []
