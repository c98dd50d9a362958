from django.db import migrations

KINDS = [
    ("ministry", "Bộ", 0, False),
    ("department", "Sở", 1, False),
    ("district_office", "Phòng GD&ĐT (cấp huyện, trước 01/7/2025)", 2, False),
    ("commune", "UBND xã, phường, đặc khu", 2, False),
    ("school", "Cơ sở giáo dục", 3, True),
    ("team", "Tổ chuyên môn, tổ văn phòng", 4, False),
    ("other", "Đơn vị khác", 3, False),
]


def add_kinds(apps, schema_editor):
    UnitKind = apps.get_model("org", "UnitKind")
    for code, name, rank, is_school in KINDS:
        UnitKind.objects.update_or_create(code=code, defaults={"name": name, "rank": rank, "is_school": is_school})


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
