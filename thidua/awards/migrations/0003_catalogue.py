from django.db import migrations

from thidua.awards.catalogue import load


def forwards(apps, schema_editor):
    load(apps.get_model("awards", "LegalRegime"), apps.get_model("awards", "AwardKind"), apps.get_model("awards", "BaseSalary"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
