from django.contrib import admin

from .models import Deadline


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by services only: shown to system admins for support, never changed here. (Notifications
    are not in the admin: a user's inbox is theirs alone.)"""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["title", "unit", "due_on", "closed_at"]
    list_filter = ["kind"]
    search_fields = ["title"]
