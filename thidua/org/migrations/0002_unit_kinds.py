from django.db import migrations

from thidua.org.reference import ensure_kinds


def add_kinds(apps, schema_editor):
    ensure_kinds(apps.get_model("org", "UnitKind"))


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
