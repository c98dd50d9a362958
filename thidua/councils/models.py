"""The council (Hội đồng TĐKT), its members, sessions, agenda items and the secret ballot.

Secrecy by construction (decision 0013): a cast increments a counter in ``BallotBox`` (item × option ×
written) and inserts a ``BallotReceipt`` (item × member) that holds neither the choice nor a time. No row
links a member to a choice; box rows are created with the item, so neither their ids nor their order say
who voted what. On PostgreSQL a trigger (``councils/0002``) refuses UPDATE and DELETE of receipts and
tallies, and any change of a box once its item has a tally.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.workflow import TransitionRecord

from . import states


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    SECRETARY = "secretary", _("Thư ký Hội đồng")
    MEMBER = "member", _("Ủy viên")


class SessionMode(models.TextChoices):
    ELECTRONIC = "electronic", _("Bỏ phiếu điện tử")
    PAPER = "paper", _("Bỏ phiếu giấy")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    ABSENT_WRITTEN = "absent_written", _("Vắng mặt, có ý kiến bằng văn bản")
    ABSENT = "absent", _("Vắng mặt")


class Channel(models.TextChoices):
    ELECTRONIC = "electronic", _("Điện tử")
    PAPER = "paper", _("Phiếu giấy")
    WRITTEN = "written", _("Ý kiến bằng văn bản")


class Outcome(models.TextChoices):
    PASSED = "passed", _("Đạt")
    PASSED_LOWER = "passed_lower", _("Đạt ở danh hiệu thấp hơn")
    FAILED = "failed", _("Không đạt")


AGREE, DISAGREE, LOWER = "agree", "disagree", "lower:"


class Council(models.Model):
    Status = states.CouncilStatus
    workflow = states.COUNCIL

    unit = models.ForeignKey("org.OrgUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="councils")
    school_year = models.ForeignKey("years.SchoolYear", verbose_name=_("năm học"), on_delete=models.PROTECT, related_name="+")
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    decision_scan = models.FileField(_("bản quét quyết định"), upload_to="councils/%Y/")
    quorum_num = models.PositiveSmallIntegerField(_("tỷ lệ tối thiểu có mặt (tử số)"), default=2)
    quorum_den = models.PositiveSmallIntegerField(_("tỷ lệ tối thiểu có mặt (mẫu số)"), default=3)
    odd_required = models.BooleanField(_("số thành viên phải là số lẻ"), default=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-school_year__start_date", "unit__name"]
        verbose_name = _("Hội đồng Thi đua – Khen thưởng")
        verbose_name_plural = _("Hội đồng Thi đua – Khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "school_year"], condition=~models.Q(status="dissolved"), name="one_live_council_per_unit_and_year"
            ),
            models.CheckConstraint(
                condition=models.Q(quorum_num__lte=models.F("quorum_den"), quorum_den__gte=1), name="council_quorum_share"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.school_year}"


class CouncilTransition(TransitionRecord):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="transitions")


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", verbose_name=_("cá nhân"), on_delete=models.PROTECT, related_name="council_seats")
    role = models.CharField(_("chức danh trong Hội đồng"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    votes = models.BooleanField(_("có quyền biểu quyết"), default=True)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    amending_decision = models.CharField(_("quyết định kiện toàn"), max_length=64, blank=True)

    class Meta:
        ordering = ["council", "role", "person__sort_key", "id"]
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        constraints = [
            models.UniqueConstraint(fields=["council", "person"], name="one_seat_per_person"),
            models.UniqueConstraint(fields=["council"], condition=models.Q(role="chair", valid_to__isnull=True), name="one_chair"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    def serves_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Session(models.Model):
    Status = states.SessionStatus
    workflow = states.SESSION

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    mode = models.CharField(_("hình thức bỏ phiếu"), max_length=16, choices=SessionMode.choices, default=SessionMode.ELECTRONIC)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    total_members = models.PositiveSmallIntegerField(_("tổng số thành viên"), null=True, blank=True)  # fixed at open

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")

    def __str__(self) -> str:
        return f"{self.council} {self.held_on:%d/%m/%Y}"

    @property
    def unit(self):
        return self.council.unit


class SessionTransition(TransitionRecord):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="transitions")


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("tình trạng"), max_length=16, choices=AttendanceStatus.choices)
    reason = models.CharField(_("lý do vắng"), max_length=255, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="one_attendance_per_member")]

    def __str__(self) -> str:
        return f"{self.member} {self.get_status_display()}"


class BallotItem(models.Model):
    """One subject (a person or a unit) and one title on the session's agenda.

    ``line_id`` is the seam to ``nominations.NominationLine`` (a foreign key once both apps are merged).
    The vote rule is snapshot here when the item is added: a later change of the thresholds never
    changes a vote already cast.
    """

    Status = states.ItemStatus
    workflow = states.ITEM

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    person = models.ForeignKey(
        "people.Person", verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind_code = models.CharField(_("danh hiệu, hình thức đề nghị"), max_length=32)
    label = models.CharField(_("ghi chú"), max_length=255, blank=True)
    line_id = models.PositiveBigIntegerField(null=True, blank=True)  # nominations.NominationLine, at merge
    rule = models.JSONField(_("quy tắc biểu quyết"))  # {"num", "den", "strict", "cite"}
    lower_options = models.JSONField(_("danh hiệu thấp hơn"), default=list)  # [{"code", "num", "den", "strict", "cite"}], highest first
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by")
    reason = models.CharField(_("lý do bỏ phiếu lại"), max_length=500, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["session", "position"]
        verbose_name = _("nội dung bỏ phiếu")
        verbose_name_plural = _("nội dung bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="one_item_per_position"),
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, subject_unit__isnull=True)
                | models.Q(person__isnull=True, subject_unit__isnull=False),
                name="item_one_subject",
            ),
        ]

    def __str__(self) -> str:
        from thidua.rules.engine.evaluators import title_label

        return f"{self.subject} – {title_label(self.kind_code)}"

    @property
    def unit(self):
        return self.session.council.unit

    @property
    def subject(self):
        return self.person or self.subject_unit

    @property
    def options(self) -> list[str]:
        return [AGREE, *(LOWER + o["code"] for o in self.lower_options), DISAGREE]


class ItemTransition(TransitionRecord):
    item = models.ForeignKey(BallotItem, on_delete=models.CASCADE, related_name="transitions")


class BallotBox(models.Model):
    """How many ballots chose ``option`` (``written``: absent members' written votes), never who."""

    item = models.ForeignKey(BallotItem, on_delete=models.PROTECT, related_name="boxes")
    option = models.CharField(max_length=40)
    written = models.BooleanField(default=False)
    count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "option", "written"], name="one_box_per_option")]

    def __str__(self) -> str:
        return f"{self.item_id} {self.option}"


class BallotReceipt(models.Model):
    """That ``member`` voted on ``item``, once: no choice, no time (decision 0013)."""

    item = models.ForeignKey(BallotItem, on_delete=models.PROTECT, related_name="receipts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=16, choices=Channel.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="one_receipt_per_member")]

    def __str__(self) -> str:
        return f"{self.item_id} {self.member_id}"


class Recusal(models.Model):
    item = models.ForeignKey(BallotItem, on_delete=models.PROTECT, related_name="recusals")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("lý do"), max_length=255)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="one_recusal_per_member")]

    def __str__(self) -> str:
        return f"{self.item_id} {self.member_id}"


class WrittenVote(models.Model):
    """An absent member's signed written opinion (not secret: it is a signed paper), entered by the secretary
    with its scan. Its choices wait in ``pending`` until the chair confirms; confirming moves them into the
    boxes (``written``) with a receipt per item and empties ``pending``."""

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="written_votes")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    scan = models.FileField(_("bản quét ý kiến bằng văn bản"), upload_to="councils/written/%Y/")
    pending = models.JSONField(default=dict)  # {item id: option} until confirmed
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="one_written_vote_per_member")]

    def __str__(self) -> str:
        return f"{self.session_id} {self.member_id}"


class PaperCount(models.Model):
    """The counting board's figures for a paper item, from the paper ballots (with the scan)."""

    item = models.OneToOneField(BallotItem, on_delete=models.PROTECT, related_name="paper_count")
    issued = models.PositiveSmallIntegerField(_("số phiếu phát ra"))
    returned = models.PositiveSmallIntegerField(_("số phiếu thu về"))
    valid = models.PositiveSmallIntegerField(_("số phiếu hợp lệ"))
    invalid = models.PositiveSmallIntegerField(_("số phiếu không hợp lệ"))
    counts = models.JSONField(_("số phiếu theo phương án"))
    scan = models.FileField(_("bản quét biên bản kiểm phiếu"), upload_to="councils/paper/%Y/")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.item_id} {self.valid}/{self.issued}"


class Tally(models.Model):
    """The result of one item, exact (a fraction of the total membership), insert-only."""

    item = models.OneToOneField(BallotItem, on_delete=models.PROTECT, related_name="tally")
    total_members = models.PositiveSmallIntegerField(_("tổng số thành viên"))
    ballots = models.PositiveSmallIntegerField(_("số phiếu"))
    counts = models.JSONField(_("số phiếu theo phương án"))  # {option: count}
    agree_written = models.PositiveSmallIntegerField(default=0)
    support = models.PositiveSmallIntegerField(_("số phiếu đồng ý với danh hiệu được công nhận"))
    fraction = models.CharField(_("tỷ lệ"), max_length=16)  # "8/9", exact
    outcome = models.CharField(_("kết quả"), max_length=16, choices=Outcome.choices)
    granted_code = models.CharField(_("danh hiệu đạt"), max_length=32, blank=True)
    citation = models.CharField(_("căn cứ"), max_length=255)
    computed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("kết quả kiểm phiếu")
        verbose_name_plural = _("kết quả kiểm phiếu")

    def __str__(self) -> str:
        return f"{self.item_id} {self.fraction} {self.outcome}"
