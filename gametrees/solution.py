"""Solutions of a game: equilibria as behaviour profiles with beliefs, one type for all.

:func:`gametrees.gambit.solve.solve` returns a :class:`Solution`; the renderer draws one
of its :class:`Equilibrium` objects on the tree; ``gametrees solve --json`` writes
:meth:`Solution.to_json` and ``gametrees render --solution`` reads it back with
:meth:`Solution.from_json`. The JSON form::

    {"game": "<title>", "solver": "<method>", "exact": true, "lambda": null,
     "notes": [...], "warnings": [...],
     "equilibria": [{"label": "...",
                     "behavior": {"<infoset>": {"<action>": "1/2", ...}, ...},
                     "beliefs": {"<infoset>": ["1/3", "2/3" or null, ...], ...},
                     "agent_max_regret": "0"}]}

Numbers are strings: exact rationals as ``"1/2"``, floats as their ``repr``. Beliefs are
listed one per member node of the information set, in pre-order
(:func:`gametrees.tree.infosets` order); ``null`` where the set is reached with
probability 0. Information sets are named as the :class:`~gametrees.tree.Game` names
them (for a ``.efg`` file, by :func:`gametrees.efg.read_efg`).

>>> from fractions import Fraction as F
>>> eq = Equilibrium({"r": {"L": F(1), "R": F(0)}}, {"r": (F(1),)}, F(0))
>>> Solution.from_json(Solution("g", "enumpure", True, (eq,)).to_json()).equilibria[0] == eq
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gametrees.tree import Game

__all__ = ["Attempt", "Equilibrium", "Solution", "SolutionError", "Value"]

#: A probability, belief or regret: exact when the method is exact, else a float.
Value = Fraction | float


class SolutionError(ValueError):
    """A solution document does not have the expected shape or values."""


@dataclass(frozen=True)
class Equilibrium:
    """One equilibrium: ``behavior[infoset][action]``, ``beliefs[infoset][member]``.

    ``agent_max_regret``: the largest gain any agent (player at one information set) has
    from deviating (0 for an exact equilibrium); ``label``: how the method names it
    (e.g. ``"PE-accept/none at x=3/5"``), or empty; ``certified``/``certificate``: whether
    and how the answer was checked; ``sequentially_rational``/``sequential_note``: whether
    every action played is optimal at every information set for some beliefs consistent
    with Bayes' rule (a weak PBE), when that was checked.
    """

    behavior: Mapping[str, Mapping[str, Value]]
    beliefs: Mapping[str, tuple[Value | None, ...]]
    agent_max_regret: Value | None = None
    label: str = ""
    #: the method's answer was checked and holds (see ``certificate`` for how)
    certified: bool = False
    certificate: str = ""
    #: sequential rationality with beliefs, where checked: True, False or None (not checked)
    sequentially_rational: bool | None = None
    sequential_note: str = ""

    def prob(self, infoset: str, action: str) -> Value | None:
        """The probability of ``action`` at ``infoset``, or ``None`` if not given."""
        return self.behavior.get(infoset, {}).get(action)


@dataclass(frozen=True)
class Attempt:
    """One method a solve tried: why, what came of it, how long it took."""

    solver: str
    reason: str
    outcome: str
    seconds: float


@dataclass(frozen=True)
class Solution:
    """What a method found on a game: exact values when ``exact``, floats otherwise.

    ``game``: the game's title; ``method``: the solver; ``lam``: the final lambda of a
    logit trace. ``tree``: the solved :class:`~gametrees.tree.Game`, when known (it lets
    a notebook draw the solution). ``attempts``: the methods tried (the default strategy
    falls back from one to the next); ``complete``/``completeness``: what the method
    guarantees about the list.
    """

    game: str
    method: str
    exact: bool
    equilibria: tuple[Equilibrium, ...]
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    lam: float | None = None
    tree: Game | None = field(default=None, compare=False, repr=False)
    attempts: tuple[Attempt, ...] = ()
    #: the method guarantees the list (``completeness`` says what exactly)
    complete: bool = False
    completeness: str = ""

    def to_json(self) -> dict[str, Any]:
        """The JSON-ready form (see the module docstring)."""
        return {
            "game": self.game,
            "solver": self.method,
            "exact": self.exact,
            "lambda": self.lam,
            "notes": list(self.notes),
            "warnings": list(self.warnings),
            "complete": self.complete,
            "completeness": self.completeness,
            "attempts": [
                {"solver": a.solver, "reason": a.reason, "outcome": a.outcome}
                for a in self.attempts
            ],
            "equilibria": [_eq_json(eq) for eq in self.equilibria],
        }

    @classmethod
    def from_json(cls, data: Any) -> Solution:
        """Read :meth:`to_json`'s form back; :class:`SolutionError` names what is wrong."""
        if not isinstance(data, dict) or not isinstance(data.get("equilibria"), list):
            raise SolutionError('expected a JSON object with a list "equilibria"')
        eqs = tuple(_eq_from_json(e, i) for i, e in enumerate(data["equilibria"]))
        attempts = tuple(
            Attempt(
                _str(a.get("solver", ""), "attempts"),
                _str(a.get("reason", ""), "attempts"),
                _str(a.get("outcome", ""), "attempts"),
                0.0,
            )
            for a in _list(data.get("attempts", []), "attempts")
            if isinstance(a, dict)
        )
        exact = data.get("exact", True)
        lam = data.get("lambda")
        return cls(
            game=_str(data.get("game", ""), "game"),
            method=_str(data.get("solver", ""), "solver"),
            exact=bool(exact),
            equilibria=eqs,
            notes=tuple(_str(n, "notes") for n in _list(data.get("notes", []), "notes")),
            warnings=tuple(
                _str(n, "warnings") for n in _list(data.get("warnings", []), "warnings")
            ),
            lam=None if lam is None else float(lam),
            attempts=attempts,
            complete=bool(data.get("complete", False)),
            completeness=_str(data.get("completeness", ""), "completeness"),
        )

    def equilibrium(self, number: int) -> Equilibrium:
        """Equilibrium ``number`` (1-based, as the CLI counts), or :class:`SolutionError`."""
        if not 1 <= number <= len(self.equilibria):
            raise SolutionError(
                f"equilibrium {number} requested; the solution has {len(self.equilibria)}"
            )
        return self.equilibria[number - 1]

    def _repr_svg_(self) -> str | None:
        """Jupyter: the tree with the first equilibrium highlighted (needs ``tree`` and Graphviz)."""
        if self.tree is None or not self.equilibria:
            return None
        from gametrees.drawing import game_to_dot, render_bytes  # lazy: Graphviz only when shown

        return render_bytes(game_to_dot(self.tree, solution=self.equilibria[0]), "svg").decode()


def _text(value: Value | None) -> str | None:
    if value is None:
        return None
    return str(value) if isinstance(value, Fraction) else repr(float(value))


def _eq_json(eq: Equilibrium) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if eq.label:
        out["label"] = eq.label
    out["behavior"] = {s: {a: _text(p) for a, p in acts.items()} for s, acts in eq.behavior.items()}
    out["beliefs"] = {s: [_text(b) for b in bs] for s, bs in eq.beliefs.items()}
    out["agent_max_regret"] = _text(eq.agent_max_regret)
    out["certified"] = eq.certified
    if eq.certificate:
        out["certificate"] = eq.certificate
    if eq.sequentially_rational is not None:
        out["sequentially_rational"] = eq.sequentially_rational
        out["sequential_note"] = eq.sequential_note
    return out


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise SolutionError(f"{where}: expected a string, got {value!r}")
    return value


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise SolutionError(f"{where}: expected a list, got {value!r}")
    return value


def _number(value: Any, where: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise SolutionError(f'{where}: expected a number written like "1/2", got {value!r}')
    text = str(value).strip()
    if len(text) > 1000:
        raise SolutionError(f"{where}: a number of {len(text)} characters is too long")
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise SolutionError(f"{where}: {value!r} is not a number") from None


def _eq_from_json(eq: Any, i: int) -> Equilibrium:
    where = f"equilibrium {i + 1}"
    if not isinstance(eq, dict):
        raise SolutionError(f"{where} is not a JSON object")
    behavior_in = eq.get("behavior", {})
    if not isinstance(behavior_in, dict):
        raise SolutionError(
            f"{where}: behavior must be an object infoset -> {{action: probability}}"
        )
    behavior: dict[str, dict[str, Fraction]] = {}
    for iset, probs in behavior_in.items():
        if not isinstance(probs, dict):
            raise SolutionError(
                f"{where}: behavior at {iset!r} must be an object action -> probability"
            )
        behavior[iset] = {
            a: _number(p, f"{where}: behavior at {iset!r}, {a!r}") for a, p in probs.items()
        }
    beliefs_in = eq.get("beliefs", {})
    if not isinstance(beliefs_in, dict):
        raise SolutionError(f"{where}: beliefs must be an object infoset -> [belief, ...]")
    beliefs: dict[str, tuple[Fraction | None, ...]] = {}
    for iset, values in beliefs_in.items():
        if not isinstance(values, list):
            raise SolutionError(f"{where}: beliefs at {iset!r} must be a list, one per member node")
        beliefs[iset] = tuple(
            None if v is None else _number(v, f"{where}: beliefs at {iset!r}") for v in values
        )
    regret = eq.get("agent_max_regret")
    label = eq.get("label", "")
    seq = eq.get("sequentially_rational")
    return Equilibrium(
        behavior,
        beliefs,
        None if regret is None else _number(regret, f"{where}: agent_max_regret"),
        _str(label, f"{where}: label"),
        certified=bool(eq.get("certified", False)),
        certificate=_str(eq.get("certificate", ""), f"{where}: certificate"),
        sequentially_rational=None if seq is None else bool(seq),
        sequential_note=_str(eq.get("sequential_note", ""), f"{where}: sequential_note"),
    )
