"""On PostgreSQL, a trigram index makes "name contains …" searches fast at national scale.

Name search is ``name_folded LIKE '%term%'``; a B-tree cannot serve it, a pg_trgm GIN index can. Where
the extension cannot be created (no privilege), the migration leaves a notice and search still works,
only slower.
"""

from django.db import migrations, transaction

CREATE = "CREATE INDEX IF NOT EXISTS person_name_folded_trgm ON people_person USING gin (name_folded gin_trgm_ops)"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic():
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # a missing privilege must not block the deployment
        print(f"\n  pg_trgm unavailable ({exc}); name search will not use a trigram index")
        return
    schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_name_folded_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0002_employment_no_overlap_pg")]
    operations = [migrations.RunPython(forwards, backwards)]
