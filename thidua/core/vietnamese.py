"""Vietnamese text: NFC storage, diacritic-blind search keys and Vietnamese collation.

Pure functions, no Django imports, tested without a database.

* ``clean_text`` normalises input for storage: NFC, trimmed, inner whitespace collapsed.
* ``fold`` turns any spelling of a text (NFC or NFD, old or new tone placement, with or without
  diacritics, any case) into the same lowercase ASCII search key: "Nguyễn Văn Hoà" -> "nguyen van hoa".
* ``sort_key`` orders personal names the Vietnamese way: by given name, then middle names, then family
  name, in the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y), with
  tones as a tie-breaker (ngang, huyền, hỏi, ngã, sắc, nặng). The key uses lowercase ASCII letters only,
  so it sorts the same under the C collation and under any locale collation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPACES = re.compile(r"\s+")

# Combining marks that make a distinct letter (primary difference) and marks that carry a tone.
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
_TONE_ORDER = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

ALPHABET = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")  # one NFC code point each
_LETTER_RANK = {letter: i for i, letter in enumerate(ALPHABET)}


def clean_text(value: str | None) -> str:
    """Normalise user text for storage: NFC, no leading/trailing or repeated whitespace."""
    if not value:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def fold(value: str | None) -> str:
    """Diacritic-, case- and normalisation-blind search key (lowercase ASCII where possible)."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.casefold()).strip()


@dataclass(frozen=True)
class NameParts:
    family: str
    middle: str
    given: str


def split_name(full_name: str) -> NameParts:
    """Split "Nguyễn Thị Minh Khai" into family "Nguyễn", middle "Thị Minh", given "Khai"."""
    words = clean_text(full_name).split(" ")
    if not words or words == [""]:
        return NameParts("", "", "")
    if len(words) == 1:
        return NameParts("", "", words[0])
    return NameParts(words[0], " ".join(words[1:-1]), words[-1])


def _letters(word: str) -> list[tuple[int, int]]:
    """(letter rank, tone rank) for every letter of a word; other characters are ignored."""
    out: list[tuple[int, int]] = []
    for ch in unicodedata.normalize("NFC", word.casefold()):
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        tone = 0
        letter = base
        for mark in marks:
            if mark in _LETTER_MARKS:
                letter = unicodedata.normalize("NFC", letter + mark)
            elif mark in _TONE_ORDER:
                tone = _TONE_ORDER[mark]
        rank = _LETTER_RANK.get(letter)
        if rank is None:
            # Any digit ("2", "²", "①", "٣") sorts by its value, before the letters; int() refuses most of these.
            digit = unicodedata.digit(base, None)
            if digit is None:
                continue
            rank = -1 - (9 - digit)
        out.append((rank, tone))
    return out


def _primary_code(rank: int) -> str:
    # Two letters per letter, starting at "c": "a" ends the key, "b" ends a word, so shorter sorts first.
    index = rank + 10  # digits have negative ranks down to -10
    return chr(ord("c") + index // 26) + chr(ord("a") + index % 26)


def sort_key(full_name: str) -> str:
    """Collation key ordering names by given name, middle names, family name (Vietnamese order)."""
    parts = split_name(full_name)
    words = [parts.given, *parts.middle.split(" "), parts.family]
    primary: list[str] = []
    secondary: list[str] = []
    for word in words:
        if not word:
            continue
        for rank, tone in _letters(word):
            primary.append(_primary_code(rank))
            secondary.append(chr(ord("a") + tone))
        primary.append("b")
    return "".join(primary) + "a" + "".join(secondary)


def search_terms(query: str) -> list[str]:
    """Folded words of a search box entry; every word must match somewhere in the folded text."""
    return [w for w in fold(query).split(" ") if w]
