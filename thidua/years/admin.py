from django.contrib import admin

from thidua.audit.admin import AuditedAdminMixin

from .models import SchoolYear


@admin.register(SchoolYear)
class SchoolYearAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "start_date", "end_date", "is_current"]

    def has_delete_permission(self, request, obj=None):
        return False
