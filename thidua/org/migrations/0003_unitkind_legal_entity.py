from django.db import migrations, models

from thidua.org.reference import ensure_kinds, set_legal_entity


def forwards(apps, schema_editor):
    kinds = apps.get_model("org", "UnitKind")
    set_legal_entity(kinds)
    ensure_kinds(kinds)  # adds "province" (UBND tỉnh)


class Migration(migrations.Migration):
    dependencies = [("org", "0002_unit_kinds")]
    operations = [
        migrations.AddField(
            model_name="unitkind",
            name="legal_entity",
            field=models.BooleanField(
                default=False,
                help_text="Thủ trưởng đơn vị có tư cách pháp nhân quyết định danh hiệu cơ sở và Giấy khen",
                verbose_name="có tư cách pháp nhân",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
