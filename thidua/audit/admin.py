from django.contrib import admin

from . import recorder as audit
from .models import AuditEvent


class AuditedAdminMixin:
    """Django admin changes (system admins only) write the same audit rows as services do.

    The admin's change views already run in a transaction, so the row commits with the change.
    """

    def save_model(self, request, obj, form, change):
        before = audit.snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        verb = f"admin.{obj._meta.model_name}.{'changed' if change else 'added'}"
        after = audit.snapshot(obj)
        if before is not None:
            before, after = audit.diff(before, after)
        audit.record(actor=request.user, verb=verb, target=obj, before=before, after=after)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit.record(actor=request.user, verb=f"admin.{obj._meta.model_name}.deleted", target=obj, before=audit.snapshot(obj))
            obj.delete()
        for obj in instances:
            is_new = obj.pk is None
            obj.save()
            audit.record(
                actor=request.user,
                verb=f"admin.{obj._meta.model_name}.{'added' if is_new else 'changed'}",
                target=obj,
                after=audit.snapshot(obj),
            )
        formset.save_m2m()

    def delete_model(self, request, obj):
        audit.record(actor=request.user, verb=f"admin.{obj._meta.model_name}.deleted", target=obj, before=audit.snapshot(obj))
        super().delete_model(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Domain rows change through audited services (pages, API); the admin only shows them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor_repr", "verb", "target_repr", "request_id"]
    list_filter = ["verb"]
    search_fields = ["target_repr", "actor_repr", "request_id"]
