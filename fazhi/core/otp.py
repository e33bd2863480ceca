"""The TOTP second factor (GB/T 22239 8.1.4.1d) for the administrators and leaders.

A cryptographic factor such as an SM2 key is what a 密评 assessment asks for;
TOTP is the first step, and docs/deployment.md records the gap."""

from __future__ import annotations

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice


def requires_totp(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(*settings.FAZHI_TOTP_ROLES))


def device_for(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


DEVICE_NAME = "动态验证码"
DEMO_DEVICE_NAME = "演示动态验证码"  # only these codes may be shown by `fazhi totp`


def enrol(user, *, demo: bool = False) -> str:
    """Give the user a new TOTP secret (replacing any old one) and return its
    otpauth:// URI, to be shown once and scanned into an authenticator app."""
    TOTPDevice.objects.filter(user=user).delete()
    name = DEMO_DEVICE_NAME if demo else DEVICE_NAME
    device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
    return device.config_url


def verify(user, token: str) -> TOTPDevice | None:
    """The user's device if `token` is its current code, else None."""
    token = (token or "").strip().replace(" ", "")
    device = device_for(user)
    if device is None or not token.isdigit():
        return None
    return device if device.verify_token(token) else None


def current_code(user) -> str:
    """The code the user's authenticator shows now (tests and the demo's help)."""
    from django_otp.oath import TOTP

    device = device_for(user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
