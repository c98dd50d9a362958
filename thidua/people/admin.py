from django.contrib import admin

from thidua.audit.admin import ReadOnlyAdmin

from .models import Person


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "date_of_birth", "current_unit"]
    search_fields = ["name_folded"]
    raw_id_fields = ["current_unit"]
