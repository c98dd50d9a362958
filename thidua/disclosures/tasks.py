"""Background tasks of disclosures (``manage.py db_worker`` runs them; tests use the immediate backend).
Tasks import services, never the reverse: ``bundle.bundle_request`` starts this one by name after its commit."""

from __future__ import annotations

from django_tasks import task

from .bundle import bundle_build


@task()
def build_paper_bundle(bundle_id: int) -> None:
    """Render the round's papers into one DOCX zip and one PDF, with progress, and keep both."""
    bundle_build(bundle_id=bundle_id)
