from django.db import migrations

from thidua.awards.catalogue import correct, load


def forwards(apps, schema_editor):
    kinds = apps.get_model("awards", "AwardKind")
    load(apps.get_model("awards", "LegalRegime"), kinds, apps.get_model("awards", "BaseSalary"))
    correct(kinds, apps.get_model("awards", "Award"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_catalogue")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
