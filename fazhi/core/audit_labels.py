"""Chinese names of audit actions, for people reading the audit log.

An action is `app.model.verb`; its name is the model's verbose name and the verb's."""

from __future__ import annotations

from functools import lru_cache

from django.apps import apps

VERBS = {
    "created": "新增",
    "changed": "修改",
    "imported": "导入",
    "exported": "导出",
    "logged_in": "登录",
    "logged_out": "退出登录",
    "login_failed": "登录失败",
    "password_changed": "修改密码",
    "password_reset": "重置密码",
    "roles_changed": "变更角色",
    "enabled": "启用",
    "disabled": "停用",
    "totp_reset": "重置动态验证码",
    "totp_shown": "显示动态验证码",
    "pii_revealed": "查看完整个人信息",
    "uploaded": "上传",
    "downloaded": "下载",
    "tamper_detected": "发现文件被篡改",
    "searched": "查询",
    "maintenance": "维护",
    "loaded": "载入",
    "generated": "生成",
    "recorded": "当场记录",
    "registered": "登记",
}
SPECIAL = {"core.audit": "审计日志", "core.demo": "演示数据", "core.document": "文书"}


@lru_cache(maxsize=512)
def label(action: str) -> str:
    prefix, _, verb = action.rpartition(".")
    subject = SPECIAL.get(prefix)
    if subject is None:
        try:
            subject = str(apps.get_model(prefix)._meta.verbose_name)
        except (LookupError, ValueError):
            subject = prefix
    return f"{subject}·{VERBS.get(verb, verb)}"
