"""One importer per sheet kind: it reads, matches and plans; the bulk services write (see ``base``)."""

from __future__ import annotations

from ..models import ImportKind
from .awards import AwardsImporter
from .base import Importer, RowResult
from .initiatives import InitiativesImporter
from .ratings import RatingsImporter
from .staff import StaffImporter

IMPORTERS: dict[str, type[Importer]] = {
    ImportKind.STAFF: StaffImporter,
    ImportKind.RATINGS: RatingsImporter,
    ImportKind.AWARDS: AwardsImporter,
    ImportKind.INITIATIVES: InitiativesImporter,
}

__all__ = ["IMPORTERS", "AwardsImporter", "Importer", "InitiativesImporter", "RatingsImporter", "RowResult", "StaffImporter"]
