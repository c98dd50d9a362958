"""The initiative criteria sheet (data) and, on PostgreSQL, trigram GIN indexes for the near-duplicate prefilter.

The sheet follows the usual school councils' sheet (NĐ 13/2012 Điều 3–4: new within the unit, applied, of benefit;
replicability): 30 + 30 + 25 + 15 = 100 points; an installation edits the rows. Where pg_trgm cannot be created
(no privilege) the similarity check still works, scoring the whole pool (people/0003 does the same).
"""

from django.db import migrations, transaction

CRITERIA = [
    ("novelty", "Tính mới trong phạm vi đơn vị", 30, 1),
    ("application", "Khả năng áp dụng, đã áp dụng hoặc áp dụng thử", 30, 2),
    ("benefit", "Hiệu quả, lợi ích mang lại", 25, 3),
    ("replicability", "Khả năng nhân rộng", 15, 4),
]
INDEXES = (
    "CREATE INDEX IF NOT EXISTS initiative_search_key_trgm ON initiatives_initiative USING gin (search_key gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS initiative_title_folded_trgm ON initiatives_initiative USING gin (title_folded gin_trgm_ops)",
)


def criteria(apps, schema_editor):
    Criterion = apps.get_model("initiatives", "Criterion")
    for code, name, points, order in CRITERIA:
        Criterion.objects.get_or_create(code=code, defaults={"name": name, "max_points": points, "order": order})


def trigram(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic():
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # a missing privilege must not block the deployment
        print(f"\n  pg_trgm unavailable ({exc}); the similarity check will not use a trigram index")
        return
    for sql in INDEXES:
        schema_editor.execute(sql)


def untrigram(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS initiative_search_key_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS initiative_title_folded_trgm")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [
        migrations.RunPython(criteria, migrations.RunPython.noop),
        migrations.RunPython(trigram, untrigram),
    ]
