import datetime as dt

from django.db import migrations


def add_years(apps, schema_editor):
    SchoolYear = apps.get_model("years", "SchoolYear")
    today = dt.date.today()
    for start in range(2010, 2031):
        start_date, end_date = dt.date(start, 9, 1), dt.date(start + 1, 8, 31)
        SchoolYear.objects.get_or_create(
            code=f"{start}-{start + 1}",
            defaults={"start_date": start_date, "end_date": end_date, "is_current": start_date <= today <= end_date},
        )


class Migration(migrations.Migration):
    dependencies = [("years", "0001_initial")]
    operations = [migrations.RunPython(add_years, migrations.RunPython.noop)]
