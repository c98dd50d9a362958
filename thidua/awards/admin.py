"""Admin: the catalogue and base salaries are configuration (system admins, audited); decisions,
awards and initiative records are domain rows, read-only here (they change through the services)."""

from __future__ import annotations

from django.contrib import admin

from thidua.audit.admin import AuditedAdminMixin, ReadOnlyAdmin

from . import services
from .models import Award, AwardKind, BaseSalary, Decision, DecisionAmendment, InitiativeRecord, LegalRegime

REVISABLE = {
    "name",
    "abbreviation",
    "aliases",
    "citation",
    "coefficient",
    "coefficient_citation",
    "status",
    "status_note",
    "rank",
    "valid_from",
    "valid_to",
}


class NoDeleteAdmin(AuditedAdminMixin, admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LegalRegime)
class LegalRegimeAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "effective_from", "effective_to"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(NoDeleteAdmin):
    list_display = ["effective_from", "amount", "citation", "status"]


@admin.register(AwardKind)
class AwardKindAdmin(NoDeleteAdmin):
    """A change goes through ``award_kind_revise``: a used entry gets a new version, never an in-place edit."""

    list_display = ["code", "name", "regime", "version", "is_current", "subject", "category", "coefficient", "status"]
    list_filter = ["regime", "subject", "category", "status", "is_current"]
    search_fields = ["code", "name", "abbreviation"]
    readonly_fields = ["version", "supersedes", "is_current"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        return [*self.readonly_fields, "code", "regime", "subject", "category", "level"]

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in REVISABLE}
        if changes:
            services.award_kind_revise(actor=request.user, kind=AwardKind.objects.get(pk=obj.pk), **changes)
        return None


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["number", "decision_date", "issuer", "award_type", "status"]
    list_filter = ["award_type", "status", "regime"]
    search_fields = ["number", "title"]
    exclude = ["scan"]  # scans are served only through the access-checked download view


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["decision", "kind", "person", "unit", "school_year", "cash_amount", "revoked"]
    list_select_related = ["decision", "kind", "person", "unit", "school_year"]


@admin.register(DecisionAmendment)
class DecisionAmendmentAdmin(ReadOnlyAdmin):
    list_display = ["decision", "number", "amendment_date", "reason"]


@admin.register(InitiativeRecord)
class InitiativeRecordAdmin(ReadOnlyAdmin):
    list_display = ["title", "school_year", "scope", "unit", "decision_number"]
