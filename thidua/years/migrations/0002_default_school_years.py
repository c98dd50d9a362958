from django.db import migrations

from thidua.years.reference import ensure_school_years


def add_years(apps, schema_editor):
    ensure_school_years(apps.get_model("years", "SchoolYear"))


class Migration(migrations.Migration):
    dependencies = [("years", "0001_initial")]
    operations = [migrations.RunPython(add_years, migrations.RunPython.noop)]
