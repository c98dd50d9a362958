"""Office Open XML parts (xlsx, docx) read safely: the DOCTYPE check every uploaded package goes through.

XML entities are declared in a DOCTYPE (the "billion laughs" and external-entity attacks), so a part that has
one before its root element is refused by the callers (`imports.reader` for workbooks, `movements.uploads` for
plans). Each part is fed to expat, the parser openpyxl reads with, so it sees the encoding exactly as a later
parse would; feeding stops at the root element (a DOCTYPE can only come before it), so this costs a few
kilobytes per part. A prolog longer than ``PROLOG_LIMIT`` counts as one: no real document pads one.
"""

from __future__ import annotations

import zipfile
from xml.parsers import expat

PROLOG_LIMIT = 64 * 1024  # bytes of an XML part read before its root element must have started


class _Doctype(Exception):
    pass


class _RootReached(Exception):
    pass


def declares_doctype(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, *, limit: int = PROLOG_LIMIT) -> bool:
    """Whether an XML part declares a DOCTYPE or an entity before its root element (a part that is not XML at
    all, an image, is not this check's concern)."""

    def doctype(*_args):
        raise _Doctype

    def root(*_args):
        raise _RootReached

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = root
    fed = 0
    with archive.open(entry) as part:
        while True:
            chunk = part.read(4096)
            try:
                parser.Parse(chunk, not chunk)
            except _Doctype:
                return True
            except (_RootReached, expat.ExpatError):
                return False
            if not chunk:
                return False
            fed += len(chunk)
            if fed > limit:
                return True
