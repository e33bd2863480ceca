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
    "approved": "审定",
    "published": "公布",
    "withdrawn": "撤回",
    "revoked": "撤销",
    "expired": "到期",
    "archived": "导出档案",
    "completed": "完成",
    "reviewed": "审核",
    "started": "开始办理",
    "submitted": "提交",
    "closed_out": "销号",
    "rejected": "退回",
    "resent": "重新推送",
    "step_started": "启动法定程序",
    "step_done": "完成法定程序",
    "step_not_applicable": "标记程序不适用",
    "review_requested": "送请合法性审查",
    "deliberated": "集体讨论决定",
    "reported": "向党委报告",
    "followed_up": "登记执行情况",
    "evaluation_started": "启动后评估",
    "evaluated": "完成后评估",
    "shelved": "暂缓或终止",
    "comment_opened": "公开征求意见",
    "comment_closed": "结束征求意见",
    "review_failed": "审核不通过",
    "sent_back": "退回修改",
    "issued": "印发",
    "filed": "报送备案",
    "cleaned_up": "评估清理",
    "repealed": "废止",
    "abandoned": "终止制定",
    "results_recorded": "填报排查结果",
    "replied": "提交答复",
    "decided": "作出决定",
    "ended": "终止",
    "defended": "提交答辩",
    "heard": "登记开庭",
    "judged": "登记裁判",
    "appealed": "上诉",
    "appeal_judged": "登记二审结果",
    "closed": "结案",
    "revised": "修订",
    "assigned": "分派调解",
    "mediation_started": "开始调解",
    "resolved": "调解成功",
    "unresolved": "调解不成",
    "confirmation_applied": "申请司法确认",
    "confirmation_ruled": "登记司法确认结果",
    "visited": "回访",
    "extended": "延长期限",
    "progress_reported": "填报进度",
    "received": "收件",
    "notified": "一次性告知补正",
    "supplemented": "补正材料",
    "accepted": "受理",
    "refused": "不予受理",
    "routed": "分送会签",
    "countersigned": "出具会签意见",
    "paused": "中止计时",
    "resumed": "恢复计时",
    "delivered": "送达",
    "rated": "评价",
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
