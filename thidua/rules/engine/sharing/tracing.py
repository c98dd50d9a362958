"""Share whole outcomes between people whose facts answer a rule's questions alike.

Evaluating a rule for a person asks a sequence of questions about the facts: "the rating of 2023-2024?",
"the months served by the consideration date?", "which outcome did this person get for LĐTT?". The
evaluation is a pure function of the answers, and which question comes next depends only on the answers so
far. So the first evaluation of a rule runs with a ``Recorder`` as the evaluators' facts: it reads like the
facts and records every read with its answer. The engine files the outcome under that path in a tree per
(rule, year, day). The next person walks the tree, asking each question of their own facts, and on reaching
a leaf gets the same criterion results; a different answer anywhere is a miss, evaluated in full (recorded)
and filed in turn.

Nothing is assumed about which facts a rule reads. Every attribute read through the recorder is a question,
a method of the facts is a question with its arguments, and a derived read (``Recorder.derive``: a
module-level function of the facts and hashable arguments, ``evaluators.context.Ctx.derived``) is a
question whose answer is the function's result. A read whose answer is not hashable makes the evaluation
unshared; a path that contradicts the tree raises (``NotAFunctionOfItsReads``). Reading the person's id
makes the path unique to them. So an evaluator that starts reading one more fact asks one more question:
it cannot give another person the first person's answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from fractions import Fraction
from types import FunctionType
from typing import Any

# A question: its number (for de-duplication along a path and per person) and how to ask it of a person's facts.
Ask = Callable[[Any], Any]  # (facts) -> answer


# Answers of these exact types are neither mappings nor lists: returned as they are, without the ``Mapping``
# check (an ABC ``isinstance``, the slowest step of a walk's question when most answers are numbers or None).
_PLAIN = frozenset({type(None), bool, int, str, float, tuple, Fraction, dt.date})


def freeze(value: Any) -> Any:
    """The answer as a hashable value (mappings and lists become tuples)."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, Mapping):
        return tuple(sorted(value.items()))
    if isinstance(value, list):
        return tuple(value)
    return value


def _attr(name: str) -> Ask:
    return lambda facts: freeze(getattr(facts, name))


def _method(name: str, args: tuple, kwargs: tuple) -> Ask:
    if name == "rating" and not kwargs:  # the most frequent question: ask it directly
        year = args[0]
        return lambda facts: facts.rating(year)
    return lambda facts: freeze(getattr(facts, name)(*args, **dict(kwargs)))


def _derived(fn: Callable, args: tuple) -> Ask:
    return lambda facts: freeze(fn(facts, *args))


# Questions are numbered: the same question asked by several rules (say, "any case pending?") is answered
# once per person (``Node.walk``'s ``answers``), and a number hashes faster than the question. The number
# stands for the question's full identity (what is read, with every argument), never for less.
_QIDS: dict[Any, int] = {}


def number_of(qid: Any) -> int:
    number = _QIDS.get(qid)
    if number is None:
        number = _QIDS[qid] = len(_QIDS) + 1
    return number


class Recorder:
    """Stands in for a person's facts while a rule is evaluated for the first time: reads like them and
    records each question (an attribute, a method call, a derived read, another title's outcome) with its
    answer, once. It does not pretend to be the facts: evaluators read them through it, nothing else."""

    __slots__ = ("_asks", "_facts", "asked", "opaque", "path")

    def __init__(self, facts: Any, asks: dict[int, Ask]):
        object.__setattr__(self, "_facts", facts)
        object.__setattr__(self, "_asks", asks)  # the engine's: how to ask each question, by number
        object.__setattr__(self, "asked", set())
        object.__setattr__(self, "path", [])  # [(question number, ask, answer)] in the order asked
        object.__setattr__(self, "opaque", False)  # a read that cannot be a question: do not share this evaluation

    def note(self, qid: Any, make: Callable[[], Ask], answer: Any) -> None:
        """Record question ``qid`` (``make()`` builds how to ask it of other facts) and its answer."""
        number = number_of(qid)
        if number not in self.asked:
            self.asked.add(number)
            ask = self._asks.get(number)
            if ask is None:
                ask = self._asks[number] = make()
            self.path.append((number, ask, answer))

    def unshareable(self) -> None:
        object.__setattr__(self, "opaque", True)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._facts, name)
        if callable(value):
            return self._method(name, value)
        answer = freeze(value)
        try:
            hash(answer)
        except TypeError:
            self.unshareable()
            return value
        self.note(("attr", name), lambda: _attr(name), answer)
        return value

    def _method(self, name: str, method: Callable) -> Callable:
        def recorded(*args, **kwargs):
            out = method(*args, **kwargs)
            answer = freeze(out)
            kw = tuple(sorted(kwargs.items()))
            try:
                hash((args, kw, answer))
            except TypeError:
                self.unshareable()
                return out
            self.note(("method", name, args, kw), lambda: _method(name, args, kw), answer)
            return out

        return recorded

    def derive(self, fn: Callable, args: tuple) -> Any:
        """``fn(facts, *args)``, recorded as one question whose answer is the result. ``fn`` must be a plain
        module-level function (no closure: its inputs are the facts and ``args``, all in the question)."""
        if type(fn) is not FunctionType or fn.__closure__ is not None or "<locals>" in fn.__qualname__:
            raise TypeError(f"a derived read must be a module-level function of the facts, not {fn!r}")
        out = fn(self._facts, *args)
        answer = freeze(out)
        try:
            hash((args, answer))
        except TypeError:
            self.unshareable()
            return out
        self.note(("derived", fn, args), lambda: _derived(fn, args), answer)
        return out

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("facts are read-only")


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

    def walk(self, facts: Any, answers: dict[int, Any]) -> tuple | None:
        """The shared parts for ``facts`` (``None``: not seen yet); ``answers``: those already given by the
        same facts (in the same year and day), by question number."""
        node, unasked, asked = self, _UNASKED, answers.get
        while (parts := node.parts) is None:
            ask = node.ask
            if ask is None:
                return None
            answer = asked(node.qid, unasked)
            if answer is unasked:
                answer = answers[node.qid] = ask(facts)
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


def recorded_facts(recorder: Recorder) -> Any:
    """The facts behind a recorder (for the engine, to evaluate another title for the same person)."""
    return recorder._facts


class NotAFunctionOfItsReads(RuntimeError):
    """Two evaluations with the same answers asked different questions."""
