import datetime as dt

from django.db import migrations

from thidua.years import holidays_vn


def load(apps, schema_editor):
    holidays_vn.load(apps.get_model("years", "Holiday"))
    WorkWeek = apps.get_model("years", "WorkWeek")
    if not WorkWeek.objects.filter(unit_kind__isnull=True).exists():
        WorkWeek.objects.create(valid_from=dt.date(2000, 1, 1), working_weekdays="12345")


class Migration(migrations.Migration):
    dependencies = [("years", "0003_work_calendar")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
