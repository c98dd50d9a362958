"""On PostgreSQL: receipts and tallies are insert-only; a ballot box changes only while its item has no tally
and is never deleted (the tally is immutable once computed; a re-vote is a new item)."""

from django.db import migrations

INSERT_ONLY = ("councils_ballotreceipt", "councils_tally")

FUNCTIONS = """
CREATE OR REPLACE FUNCTION councils_insert_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is insert-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION councils_box_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' OR EXISTS (SELECT 1 FROM councils_tally t WHERE t.item_id = OLD.item_id) THEN
        RAISE EXCEPTION 'ballot box of a tallied item: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIONS, params=None)
    for table in INSERT_ONLY:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_insert_only ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {table}_insert_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION councils_insert_only()"
        )
    schema_editor.execute("DROP TRIGGER IF EXISTS councils_ballotbox_guard ON councils_ballotbox")
    schema_editor.execute(
        "CREATE TRIGGER councils_ballotbox_guard BEFORE UPDATE OR DELETE ON councils_ballotbox FOR EACH ROW EXECUTE FUNCTION councils_box_guard()"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in INSERT_ONLY:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_insert_only ON {table}")
    schema_editor.execute("DROP TRIGGER IF EXISTS councils_ballotbox_guard ON councils_ballotbox")
    schema_editor.execute("DROP FUNCTION IF EXISTS councils_insert_only()")
    schema_editor.execute("DROP FUNCTION IF EXISTS councils_box_guard()")


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
