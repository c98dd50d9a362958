"""On PostgreSQL, refuse UPDATE and DELETE on score entries, publications and published results."""

from django.db import migrations

TABLES = ("scoring_scoreentry", "scoring_publication", "scoring_publishedresult")

FUNCTION = """
CREATE OR REPLACE FUNCTION scoring_insert_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is insert-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_insert_only ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION scoring_insert_only()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_insert_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS scoring_insert_only()")


class Migration(migrations.Migration):
    dependencies = [("scoring", "0001_scoring_models")]
    operations = [migrations.RunPython(forwards, backwards)]
