from django.contrib import admin

from thidua.audit.admin import AuditedAdminMixin, ReadOnlyAdmin

from .models import OrgUnit, Restructuring, UnitKind


@admin.register(UnitKind)
class UnitKindAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "rank", "is_school", "legal_entity"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OrgUnit)
class OrgUnitAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "valid_from", "valid_to"]
    list_filter = ["kind", "remote_area"]
    search_fields = ["code", "name", "name_folded"]


@admin.register(Restructuring)
class RestructuringAdmin(ReadOnlyAdmin):
    list_display = ["kind", "effective_date", "decision_ref", "created_by"]
