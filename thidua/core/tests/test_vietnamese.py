"""Vietnamese text helpers: pure functions, no database."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.core.vietnamese import ALPHABET, clean_text, fold, search_terms, sort_key, split_name


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        (nfd("Nguyễn Văn An"), nfc("Nguyễn Văn An")),
        ("hoà", "hòa"),  # old and new tone placement
        ("thuỷ", "thủy"),
        ("NGUYỄN THỊ HOÀ", "nguyễn thị hòa"),
        ("Đỗ Đức Đạt", "do duc dat"),
        ("đ", "D"),
        ("  Lê   Thị\tBích ", "le thi bich"),
    ],
)
def test_fold_makes_every_spelling_of_a_name_equal(left, right):
    assert fold(left) == fold(right)


def test_fold_turns_vietnamese_into_lowercase_ascii():
    assert fold("Nguyễn Văn Hoà – Trường THCS Yên Tiến") == "nguyen van hoa – truong thcs yen tien"


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_fold_of_nothing_is_empty(empty):
    assert fold(empty) == ""


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        (nfd("Nguyễn  Văn   An"), nfc("Nguyễn Văn An")),
        ("  Lê\tThị\n Bích  ", "Lê Thị Bích"),
        ("Trường\u00a0THCS", "Trường THCS"),
        (None, ""),
        ("", ""),
    ],
)
def test_clean_text_stores_nfc_with_single_spaces(raw, cleaned):
    result = clean_text(raw)
    assert result == cleaned
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    ("full_name", "family", "middle", "given"),
    [
        ("Nguyễn Thị Minh Khai", "Nguyễn", "Thị Minh", "Khai"),
        ("Lê Bích", "Lê", "", "Bích"),
        ("Bích", "", "", "Bích"),
        ("", "", "", ""),
    ],
)
def test_split_name_takes_first_word_as_family_and_last_as_given(full_name, family, middle, given):
    parts = split_name(full_name)
    assert (parts.family, parts.middle, parts.given) == (family, middle, given)


@pytest.mark.parametrize(
    "ordered",
    [
        # given name first: An < Anh (prefix) < Ăn (a < ă) < Ân (ă < â)
        ["Lê Văn An", "Trần Thị Ánh", "Nguyễn Văn Ăn", "Phạm Thị Ân"],
        # d < đ, so "Đào" comes after every given name in d
        ["Trần Thị Dung", "Lê Văn Dũng", "Nguyễn Thị Đào"],
        # e < ê, o < ô < ơ, u < ư
        ["Lê Văn Em", "Lê Văn Ên", "Lê Thị Oanh", "Lê Thị Ôn", "Lê Thị Ơn", "Lê Văn Uy", "Lê Văn Ưng"],
        # same given name: middle names decide, then the family name
        ["Trần Thị An", "Lê Văn An", "Nguyễn Văn An"],
        # tones only break ties: ngang, huyền, hỏi, ngã, sắc, nặng
        ["Lê Ma", "Lê Mà", "Lê Mả", "Lê Mã", "Lê Má", "Lê Mạ"],
        # tones do not outrank letters: "Mạ" (nặng) before "Mai"
        ["Lê Mạ", "Lê Mai"],
        # a letter beats a later tone anywhere in the name
        ["Lê Thị Hà", "Lê Văn Ha"],
        # a name that is a prefix of another sorts first
        ["Lê An", "Nguyễn Lê An"],
    ],
)
def test_sort_key_orders_names_the_vietnamese_way(ordered):
    keys = [sort_key(name) for name in ordered]
    assert all(a < b for a, b in itertools.pairwise(keys))


def test_sort_key_ignores_case_and_normalisation():
    assert sort_key("NGUYỄN VĂN HOÀ") == sort_key(nfd("nguyễn văn hoà")) == sort_key("Nguyễn  Văn Hoà")


def test_sort_key_uses_only_lowercase_ascii_letters():
    key = sort_key("Nguyễn Thị Đào 2")
    assert key.isascii() and key.isalpha() and key == key.lower()


@pytest.mark.parametrize("name", ["Lớp 10²", "Nhóm ①", "Tổ ٣"])
def test_sort_key_accepts_any_digit_like_character(name):
    assert sort_key(name)


def test_search_terms_are_folded_words():
    assert search_terms("  Nguyễn   HOÀ ") == ["nguyen", "hoa"]


# -- properties ---------------------------------------------------------------------------------------

_TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
_VOWELS = {"a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"}
_VI_LETTERS = [c for c in ALPHABET if c not in {"f", "j", "w", "z"}]


@st.composite
def vietnamese_letter(draw) -> str:
    letter = draw(st.sampled_from(_VI_LETTERS))
    if letter in _VOWELS:
        letter = nfc(letter + draw(st.sampled_from(_TONES)))
    return letter.upper() if draw(st.booleans()) else letter


vietnamese_word = st.lists(vietnamese_letter(), min_size=1, max_size=6).map("".join)
vietnamese_name = st.lists(vietnamese_word, min_size=1, max_size=4).map(" ".join)


@given(st.text())
def test_fold_is_idempotent(value):
    assert fold(fold(value)) == fold(value)


@given(st.text())
def test_fold_ignores_unicode_normalisation(value):
    assert fold(nfd(value)) == fold(nfc(value))


@given(st.text())
def test_sort_key_never_fails_and_ignores_normalisation(value):
    assert sort_key(nfd(value)) == sort_key(nfc(value))


@given(vietnamese_name)
def test_fold_of_a_vietnamese_name_is_ascii(name):
    assert fold(name).isascii()


def _reference(name: str) -> tuple[list[list[int]], list[int]]:
    """Letter-by-letter comparison of (given, middle…, family), tones only as the last tie-breaker."""
    words = nfc(name).split()
    ordered = [words[-1], *words[1:-1], words[0]] if len(words) > 1 else words
    letters, tones = [], []
    for word in ordered:
        ranks = []
        for ch in word.lower():
            base = "".join(m for m in nfd(ch) if m not in "\u0300\u0309\u0303\u0301\u0323")
            ranks.append(ALPHABET.index(nfc(base)))
            tone = next((i for i, t in enumerate(_TONES) if t and t in nfd(ch)), 0)
            tones.append(tone)
        letters.append(ranks)
    return letters, tones


@given(st.lists(vietnamese_name, min_size=2, max_size=8))
def test_sorting_by_sort_key_matches_letter_by_letter_comparison(names):
    assert [_reference(n) for n in sorted(names, key=sort_key)] == sorted(_reference(n) for n in names)


@given(vietnamese_name, vietnamese_name)
def test_sort_key_is_equal_exactly_when_letters_and_tones_are(left, right):
    assert (sort_key(left) == sort_key(right)) == (_reference(left) == _reference(right))
