"""API of normative documents and public comments. A document's steps are their own
endpoint (`…/documents/<id>/steps/<step>/`), validated by the same step forms as the
page; its status is never PATCHed. A commenter's contact is written in full and read
back masked."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.api.base import RegisterViewSet
from fazhi.core.api.serializers import MaskedField, RegisterFormSerializer
from fazhi.decisions.actions import normative as actions
from fazhi.decisions.choices import CleanupOutcome, ReviewOpinion
from fazhi.decisions.definitions.normative import comments, documents
from fazhi.decisions.forms.normative import STEP_FORMS
from fazhi.decisions.models import NormativeDocument, PublicComment
from fazhi.decisions.models.normative import DocumentCleanup, DocumentStep, mask_contact


class DocumentStepSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.__str__", read_only=True, default="", label="操作人")

    class Meta:
        model = DocumentStep
        fields = ["action", "label", "on", "actor", "note"]


class CleanupSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentCleanup
        fields = ["on", "outcome", "reason"]


class DocumentSerializer(RegisterFormSerializer):
    form_class = documents.form_class
    status_label = serializers.CharField(source="get_status_display", read_only=True, label="状态")
    filing_state = serializers.CharField(read_only=True, label="备案情况")
    is_citable = serializers.BooleanField(read_only=True, label="可作为依据")

    class Meta:
        model = NormativeDocument
        fields = ["id", "org_unit", "title", "drafting_post", "affects_public", "no_comment_reason", "summary", "text",
                  "status", "status_label", "comment_starts_on", "comment_ends_on", "comment_short_reason",
                  "review_requested_on", "review_due_on", "reviewer", "reviewed_on", "review_opinion", "review_text",
                  "meeting", "deliberated_on", "deliberation_note", "doc_number", "issued_on", "published_on",
                  "effective_on", "valid_until", "filing_authority", "filing_due_on", "filed_on", "filing_no",
                  "filing_state", "is_citable", "ended_on", "end_reason", "source_note", "updated_at"]  # fmt: skip
        read_only_fields = ["status", "comment_starts_on", "comment_ends_on", "comment_short_reason",
                            "review_requested_on", "review_due_on", "reviewer", "reviewed_on", "review_opinion",
                            "review_text", "meeting", "deliberated_on", "deliberation_note", "filing_due_on",
                            "ended_on", "end_reason", "updated_at"]  # fmt: skip


class DocumentDetailSerializer(DocumentSerializer):
    steps = DocumentStepSerializer(many=True, read_only=True)
    cleanups = CleanupSerializer(many=True, read_only=True)
    comment_count = serializers.IntegerField(source="comments.count", read_only=True, label="收到意见数")

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "steps", "cleanups", "comment_count"]


class DocumentStepRequestSerializer(serializers.Serializer):
    """Every field any step takes; each step reads its own (see the step's page form)."""

    on = serializers.DateField(required=False, allow_null=True, label="日期（默认今天）")
    starts_on = serializers.DateField(required=False, label="征求意见开始日期（open_comment）")
    ends_on = serializers.DateField(required=False, label="征求意见截止日期（open_comment）")
    short_reason = serializers.CharField(
        required=False, allow_blank=True, label="期限少于30日的理由（open_comment）"
    )
    note = serializers.CharField(required=False, allow_blank=True, label="说明")
    reviewer = serializers.CharField(required=False, allow_blank=True, max_length=100, label="审核机构或人员")
    due_on = serializers.DateField(
        required=False, allow_null=True, label="审核期限（send_review，默认最长审核时间）"
    )
    no_comment_reason = serializers.CharField(
        required=False, allow_blank=True, label="不公开征求意见的理由（send_review）"
    )
    opinion = serializers.ChoiceField(
        choices=ReviewOpinion.choices, required=False, label="审核结论（record_review）"
    )
    text = serializers.CharField(required=False, allow_blank=True, label="审核意见（record_review）")
    meeting = serializers.CharField(required=False, max_length=100, label="审议会议（deliberate）")
    reason = serializers.CharField(required=False, label="理由（send_back、cleanup、abandon）")
    doc_number = serializers.CharField(required=False, max_length=60, label="文号（issue）")
    effective_on = serializers.DateField(required=False, allow_null=True, label="施行日期（publish）")
    valid_until = serializers.DateField(required=False, allow_null=True, label="有效期至（publish、cleanup）")
    filing_authority = serializers.CharField(
        required=False, allow_blank=True, max_length=100, label="备案机关"
    )
    filing_no = serializers.CharField(
        required=False, allow_blank=True, max_length=60, label="备案登记号（file）"
    )
    outcome = serializers.ChoiceField(
        choices=CleanupOutcome.choices, required=False, label="清理结论（cleanup）"
    )


class DocumentViewSet(RegisterViewSet):
    """行政规范性文件。起草中的文件可新增、修改；填写文号和印发日期新增的为补录的历史文件。
    办理环节通过 steps/<step>/：open_comment 公开征求意见、close_comment 结束征求意见、send_review 送请合法性审核、
    record_review 登记审核意见、deliberate 集体审议、send_back 退回修改、issue 印发、publish 公布、file 报送备案、
    cleanup 评估清理、abandon 终止制定。"""

    register = documents
    # A step checks its own permission in its action: seeing the document is enough to ask.
    action_verbs = {"step": "view"}
    ordering_fields = ["published_on", "filing_due_on", "status", "updated_at"]

    def get_serializer_class(self):
        return DocumentDetailSerializer if self.action in ("retrieve", "step") else DocumentSerializer

    @extend_schema(request=DocumentStepRequestSerializer, responses=DocumentDetailSerializer,
                   summary="办理规范性文件的一个环节")  # fmt: skip
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step>[a-z_]+)")
    def step(self, request, pk=None, step=None):
        doc = self.get_object()
        if step not in STEP_FORMS:
            raise Http404("未知的办理环节")
        form = STEP_FORMS[step](data=request.data)
        if not form.is_valid():
            raise serializers.ValidationError({k: list(v) for k, v in form.errors.items()})
        doc = actions.take_step(doc, step, actor=request.user, data=form.cleaned_data)
        return Response(DocumentDetailSerializer(doc, context={"request": request}).data)


class CommentSerializer(RegisterFormSerializer):
    """A comment's contact is taken on write and read back masked."""

    form_class = comments.form_class
    contact = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=60,
                                    label="联系方式")  # fmt: skip
    contact_masked = MaskedField(source="contact", mask=mask_contact, label="联系方式（脱敏）")
    channel_label = serializers.CharField(source="get_channel_display", read_only=True, label="渠道")

    class Meta:
        model = PublicComment
        fields = ["id", "org_unit", "document", "decision", "channel", "channel_label", "received_on", "commenter",
                  "contact", "contact_masked", "content", "adopted", "response", "updated_at"]  # fmt: skip
        read_only_fields = ["org_unit", "updated_at"]


class CommentViewSet(RegisterViewSet):
    """公众意见：针对规范性文件草案或重大行政决策（二选一）。工作人员登记信函、座谈会等渠道的意见；
    门户网站提交的意见只能修改是否采纳及说明。联系方式只写不读，返回脱敏值。"""

    register = comments
    serializer_class = CommentSerializer
    # Never sort by the masked contact.
    ordering_fields = ["received_on", "channel", "updated_at"]


ROUTES = [
    ("decisions/documents", DocumentViewSet, "decisions-document"),
    ("decisions/comments", CommentViewSet, "decisions-comment"),
]
