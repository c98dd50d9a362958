"""The serif faces of generated PDFs, found on this machine (never fetched).

Times New Roman is not installed on Debian servers; Liberation Serif 2 and Tinos have its metrics and
the Vietnamese letters. Liberation Serif 1.x (Debian's ``fonts-liberation``) has the same family name but
no Vietnamese glyphs, and fontconfig may prefer it: a PDF would then mix DejaVu into every "ư" or "ậ".
So the faces are declared by file (``@font-face``) from ``settings.THIDUA_DOCUMENT_FONT_DIRS``, and a file
is used only if it has every Vietnamese letter (checked once per process).
"""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings

# Every precomposed Vietnamese letter (upper and lower) must be in the face.
VIETNAMESE = (
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ"
)
FAMILIES = {"Liberation Serif": "LiberationSerif", "Tinos": "Tinos"}
STYLES = {"Regular": ("normal", "normal"), "Bold": ("bold", "normal"), "Italic": ("normal", "italic"), "BoldItalic": ("bold", "italic")}
FONT_STACK = '"Times New Roman", "Liberation Serif", "Tinos", serif'


def font_dirs() -> list[Path]:
    return [Path(d) for d in settings.THIDUA_DOCUMENT_FONT_DIRS]


@functools.lru_cache(maxsize=64)
def covers_vietnamese(path: str) -> bool:
    from fontTools.ttLib import TTFont

    try:
        cmap = TTFont(path, lazy=True).getBestCmap() or {}
    except Exception:  # not a font file fontTools can read
        return False
    return all(ord(ch) in cmap for ch in VIETNAMESE)


@functools.lru_cache(maxsize=8)
def _faces(dirs: tuple[str, ...]) -> tuple[tuple[str, str, str, Path], ...]:
    faces = []
    for family, stem in FAMILIES.items():
        for style, (weight, slant) in STYLES.items():
            found = next(
                (Path(d) / f"{stem}-{style}.ttf" for d in dirs if (Path(d) / f"{stem}-{style}.ttf").is_file()),
                None,
            )
            if found is not None and covers_vietnamese(str(found)):
                faces.append((family, weight, slant, found))
    return tuple(faces)


def faces() -> tuple[tuple[str, str, str, Path], ...]:
    """(family, weight, style, file) of every usable face, Liberation Serif first."""
    return _faces(tuple(str(d) for d in font_dirs()))


def font_face_css() -> str:
    """``@font-face`` rules for ``faces()`` (file URLs: the PDF fetcher allows the font directories only).

    "Times New Roman" is bound to the first checked family too: fontconfig would otherwise answer it with
    whatever its metric aliases find first, possibly Liberation Serif 1.x without Vietnamese letters.
    """
    found = faces()
    first = found[0][0] if found else None
    rules = []
    for family, weight, slant, path in found:
        names = [family, "Times New Roman"] if family == first else [family]
        rules += [
            f'@font-face {{ font-family: "{name}"; font-weight: {weight}; font-style: {slant}; src: url("{path.as_uri()}"); }}'
            for name in names
        ]
    return "\n".join(rules)
