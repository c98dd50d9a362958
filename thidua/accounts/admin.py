from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from thidua.audit.admin import AuditedAdminMixin

from .models import RoleAssignment, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class ThiduaUserAdmin(AuditedAdminMixin, UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("thidua", {"fields": ("person", "failed_logins", "locked_until", "totp_enabled")}))
    raw_id_fields = ["person"]
    inlines = [RoleInline]
    list_display = ["username", "email", "is_active", "is_superuser", "locked_until"]

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: audit rows keep pointing at the account
