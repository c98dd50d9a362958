"""Near-duplicate scores between initiatives: pure Python, no ORM (the selectors feed it plain texts).

Text is folded (``core.vietnamese.fold``: diacritics and case removed) and stripped of stop phrases common in
titles ("một số biện pháp", "nâng cao chất lượng" …). A title is word unigrams + bigrams + character 4-grams, a
body (summary + solution) word unigrams + bigrams; both are TF-IDF vectors with the IDF taken over the compared
pool (the new initiative and its candidates), compared by cosine. ``score = 0.6 × title + 0.4 × body``.
``passages`` marks which words two texts share, for the highlighted view.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from thidua.core.vietnamese import fold

SIMILAR = 0.65  # "tương tự": shown
VERY_CLOSE = 0.85  # "rất giống": a ruling is required before recognition
TITLE_WEIGHT = 0.6
STOP_PHRASES = (
    "mot so bien phap",
    "mot so giai phap",
    "bien phap",
    "giai phap",
    "nang cao chat luong",
    "nham nang cao",
    "cho hoc sinh lop",
    "cho hoc sinh",
    "trong truong",
    "tai truong",
)
_WORD = re.compile(r"[a-z0-9]+")
_STOP = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(STOP_PHRASES, key=len, reverse=True)) + r")\b")


def normalise(text: str, *, stop: bool = True) -> str:
    folded = fold(text or "")
    if stop:
        folded = _STOP.sub(" ", folded)
    return " ".join(_WORD.findall(folded))


def _words(text: str) -> list[str]:
    return text.split()


def title_features(title: str) -> Counter:
    text = normalise(title)
    words = _words(text)
    feats = Counter(words)
    feats.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    padded = f" {text} "
    feats.update(f"#{padded[i : i + 4]}" for i in range(max(0, len(padded) - 3)))
    return feats


def body_features(text: str) -> Counter:
    words = _words(normalise(text, stop=False))
    feats = Counter(words)
    feats.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return feats


@dataclass(frozen=True)
class Doc:
    key: object  # the caller's id
    title: str
    body: str  # summary + solution


@dataclass(frozen=True)
class Match:
    key: object
    score: float
    title_score: float
    body_score: float


def _idf(vectors: Sequence[Counter]) -> dict[str, float]:
    df: Counter = Counter()
    for v in vectors:
        df.update(v.keys())
    n = len(vectors)
    return {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}


def _weigh(v: Counter, idf: dict[str, float]) -> tuple[dict[str, float], float]:
    w = {t: (1.0 + math.log(c)) * idf.get(t, 1.0) for t, c in v.items()}
    return w, math.sqrt(sum(x * x for x in w.values()))


def _cosine(a: tuple[dict[str, float], float], b: tuple[dict[str, float], float]) -> float:
    (wa, na), (wb, nb) = a, b
    if not na or not nb:
        return 0.0
    if len(wa) > len(wb):
        wa, wb = wb, wa
    return min(1.0, sum(x * wb.get(t, 0.0) for t, x in wa.items()) / (na * nb))


def rank(query: Doc, candidates: Iterable[Doc], *, limit: int = 10, threshold: float = 0.0) -> list[Match]:
    """The candidates closest to ``query``, best first (ties by key), at least ``threshold``."""
    docs = [query, *candidates]
    titles = [title_features(d.title) for d in docs]
    bodies = [body_features(d.body) for d in docs]
    t_idf, b_idf = _idf(titles), _idf(bodies)
    tq, bq = _weigh(titles[0], t_idf), _weigh(bodies[0], b_idf)
    out = []
    for doc, tv, bv in zip(docs[1:], titles[1:], bodies[1:], strict=True):
        ts = _cosine(tq, _weigh(tv, t_idf))
        bs = _cosine(bq, _weigh(bv, b_idf))
        score = TITLE_WEIGHT * ts + (1 - TITLE_WEIGHT) * bs
        if score >= threshold:
            out.append(Match(doc.key, round(score, 3), round(ts, 3), round(bs, 3)))
    out.sort(key=lambda m: (-m.score, str(m.key)))
    return out[:limit]


def score(a: Doc, b: Doc) -> float:
    """The similarity of two initiatives alone (IDF over the pair)."""
    return rank(a, [b])[0].score


def passages(mine: str, theirs: str) -> list[tuple[str, bool]]:
    """``mine`` cut into runs of words, each flagged ``True`` when the same words (diacritic-blind) stand in ``theirs``.

    The runs keep the original spelling of ``mine``; a page highlights the differing (``False``) ones.
    """
    words = (mine or "").split()
    if not words:
        return []
    a = [normalise(w, stop=False) for w in words]
    b = [normalise(w, stop=False) for w in (theirs or "").split()]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    runs: list[tuple[str, bool]] = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if i1 == i2:
            continue
        same = tag == "equal"
        text = " ".join(words[i1:i2])
        if runs and runs[-1][1] == same:
            runs[-1] = (runs[-1][0] + " " + text, same)
        else:
            runs.append((text, same))
    return runs
