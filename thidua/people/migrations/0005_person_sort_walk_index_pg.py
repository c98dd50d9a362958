"""On PostgreSQL, a covering index for the people search's walk: ``(sort_key, id) INCLUDE (name_folded)``.

``people.selectors.people_page`` walks the next people in name order and matches their folded names
(decision 0008); with the name inside the index the walk is an index-only scan, no heap page per person.
SQLite has no covering indexes and walks the plain ``sort_key`` index.
"""

from django.db import migrations

NAME = "person_sort_walk"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON people_person (sort_key, id) INCLUDE (name_folded)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("people", "0004_leave_away_kinds")]
    operations = [migrations.RunPython(forwards, backwards)]
