"""Share whole outcomes between people whose facts answer a rule's questions alike.

Evaluating a rule for a person asks a sequence of questions about the facts: "the rating of 2023-2024?",
"the awards?", "the key of this shared criterion?" (``evaluators.SHARED_KEYS``). The evaluation is a pure
function of the answers, and which question comes next depends only on the answers so far. So the first
evaluation of a rule records its questions and answers (``Traced`` stands in for the facts and notes every
read), and the engine files the outcome under that path in a tree per (rule, year, day). The next person
walks the tree — asking each question of their own facts — and, on reaching a leaf, gets the same criterion
results; a different answer anywhere is a miss, evaluated in full and filed in turn.

Nothing is assumed about which facts a rule reads: every attribute read through ``Traced`` is a question,
methods of the facts are questions with their arguments, and a read the tracer cannot turn into a
hashable answer makes the path unshareable. Reading the person's id would make the path unique to them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..facts import PersonFacts

# A question: its identity (for de-duplication along a path) and how to ask it of a person's facts.
Ask = Callable[[Any], Any]  # (ctx) -> answer, asked of ``ctx.facts``


def freeze(value: Any) -> Any:
    """The answer as a hashable value (mappings and lists become tuples)."""
    if isinstance(value, Mapping):
        return tuple(sorted(value.items()))
    if isinstance(value, list):
        return tuple(value)
    return value


def _attr(name: str) -> Ask:
    return lambda ctx: freeze(getattr(ctx.facts, name))


def _method(name: str, args: tuple, kwargs: tuple) -> Ask:
    if name == "rating" and not kwargs:  # the most frequent question: ask it directly
        ask = _RATING_ASKS.get(args)
        if ask is None:
            year = args[0]
            ask = _RATING_ASKS[args] = lambda ctx: ctx.facts.rating(year)
        return ask
    return lambda ctx: freeze(getattr(ctx.facts, name)(*args, **dict(kwargs)))


_ATTR_ASKS: dict[str, Ask] = {}
_RATING_ASKS: dict[tuple, Ask] = {}


class Traced:
    """A person's facts that note every question the evaluation asks of them (``isinstance`` sees
    ``PersonFacts``; the engine unwraps it before memoising or evaluating another rule)."""

    __slots__ = ("_real", "asked", "keyed", "opaque", "path")

    def __init__(self, real: PersonFacts, keyed: frozenset[int] = frozenset()):
        self._real = real
        self.asked: set = set()
        self.path: list[tuple[Any, Ask, Any]] = []
        self.opaque = False  # a read that cannot be a question: do not share this evaluation
        self.keyed = keyed  # ids of the criteria whose keys were asked at once (``evaluators.keys_ask``)

    @property  # type: ignore[misc]
    def __class__(self):  # isinstance(traced, PersonFacts) holds, as for the facts it wraps
        return PersonFacts

    def note(self, qid: Any, ask: Ask, answer: Any) -> None:
        qid = _QIDS.get(qid) or _intern(qid)
        if qid not in self.asked:
            self.asked.add(qid)
            self.path.append((qid, ask, answer))

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._real, name)
        if callable(value):
            return self._wrap(name, value)
        answer = freeze(value)
        try:
            hash(answer)
        except TypeError:
            self.opaque = True
            return value
        ask = _ATTR_ASKS.get(name)
        if ask is None:
            ask = _ATTR_ASKS[name] = _attr(name)
        self.note(("attr", name), ask, answer)
        return value

    def _wrap(self, name: str, method: Callable) -> Callable:
        def traced(*args, **kwargs):
            result = method(*args, **kwargs)
            answer = freeze(result)
            kw = tuple(sorted(kwargs.items()))
            try:
                hash((args, kw, answer))
            except TypeError:
                self.opaque = True
                return result
            self.note((name, args, kw), _method(name, args, kw), answer)
            return result

        return traced

    def __setattr__(self, name: str, value: Any) -> None:
        if name in Traced.__slots__:
            object.__setattr__(self, name, value)
        else:
            raise AttributeError("facts are read-only")


# Questions are numbered: the same question asked by several rules (say, "any case pending?") is answered
# once per person (``Node.walk``'s ``answers``), and a number hashes faster than the question.
_QIDS: dict[Any, int] = {}


def _intern(qid: Any) -> int:
    return _QIDS.setdefault(qid, len(_QIDS) + 1)


def unwrap(facts: Any) -> tuple[Any, Traced | None]:
    return (facts._real, facts) if type(facts) is Traced else (facts, None)


_UNASKED = object()


class Node:
    """A tree of paths: an inner node holds the next question and a child per answer; a leaf, the parts of
    the outcome every path to it shares."""

    __slots__ = ("ask", "children", "parts", "qid")

    def __init__(self) -> None:
        self.qid: Any = None
        self.ask: Ask | None = None
        self.children: dict[Any, Node] = {}
        self.parts: tuple | None = None

    def walk(self, ctx, answers: dict[int, Any]) -> tuple | None:
        """The shared parts for ``ctx.facts`` (``None``: not seen yet); ``answers``: those already given by
        the same facts (in the same year and day), by question number."""
        node, unasked, asked = self, _UNASKED, answers.get
        while (parts := node.parts) is None:
            ask = node.ask
            if ask is None:
                return None
            answer = asked(node.qid, unasked)
            if answer is unasked:
                answer = answers[node.qid] = ask(ctx)
            node = node.children.get(answer)
            if node is None:
                return None
        return parts

    def file(self, path, parts: tuple) -> None:
        """File ``parts`` under ``path``. A path that contradicts the tree would mean an evaluation that is
        not a function of the reads it recorded: a bug in the engine, reported rather than shared."""
        node = self
        for qid, ask, answer in path:
            if node.parts is not None:
                raise NotAFunctionOfItsReads(f"path continues after a leaf at {qid!r}")
            if node.ask is None:
                node.qid, node.ask = qid, ask
            elif node.qid != qid:
                raise NotAFunctionOfItsReads(f"asked {qid!r} where another evaluation asked {node.qid!r}")
            child = node.children.get(answer)
            if child is None:
                child = node.children[answer] = Node()
            node = child
        if node.ask is not None:
            raise NotAFunctionOfItsReads("path stops where another evaluation asked more")
        if node.parts is not None:  # the walk would have found it: filing again means the two disagree
            raise NotAFunctionOfItsReads("path already filed")
        node.parts = parts


class NotAFunctionOfItsReads(RuntimeError):
    """Two evaluations with the same answers asked different questions."""
