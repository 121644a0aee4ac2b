"""An equilibrium to highlight in a figure: behavior strategies and beliefs, exact.

The JSON form is the one ``gametrees solve --json`` writes::

    {"equilibria": [{"behavior": {"<infoset>": {"<action>": "1/2", ...}, ...},
                     "beliefs": {"<infoset>": ["1/3", "2/3" or null, ...], ...}}]}

Beliefs are listed one per member node of the information set, in pre-order
(:func:`gametrees.tree.infosets` order); ``null`` where the belief is undefined.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

__all__ = ["Solution", "SolutionError", "solution_from_json"]


class SolutionError(ValueError):
    """A solution file does not have the expected shape or values."""


@dataclass(frozen=True)
class Solution:
    """One equilibrium: ``behavior[infoset][action]`` and ``beliefs[infoset][member]``."""

    behavior: Mapping[str, Mapping[str, Fraction]]
    beliefs: Mapping[str, tuple[Fraction | None, ...]]

    def prob(self, infoset: str, action: str) -> Fraction | None:
        """The probability of ``action`` at ``infoset``, or ``None`` if not given."""
        return self.behavior.get(infoset, {}).get(action)


def _exact(value: Any, where: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise SolutionError(f'{where}: expected an exact number like "1/2", got {value!r}')
    try:
        return Fraction(value)
    except (ValueError, ZeroDivisionError) as exc:
        raise SolutionError(f"{where}: {value!r} is not a rational number") from exc


def solution_from_json(data: Any, index: int = 0) -> Solution:
    """Equilibrium number ``index`` (0-based) of a ``solve --json`` document."""
    if not isinstance(data, dict) or not isinstance(data.get("equilibria"), list):
        raise SolutionError('expected a JSON object with a list "equilibria"')
    eqs = data["equilibria"]
    if not 0 <= index < len(eqs):
        raise SolutionError(f"equilibrium {index + 1} requested, the file has {len(eqs)}")
    eq = eqs[index]
    if not isinstance(eq, dict):
        raise SolutionError(f"equilibrium {index + 1} is not a JSON object")
    behavior: dict[str, dict[str, Fraction]] = {}
    for iset, probs in (eq.get("behavior") or {}).items():
        if not isinstance(probs, dict):
            raise SolutionError(f"behavior at {iset!r}: expected an object action -> probability")
        behavior[iset] = {a: _exact(p, f"behavior at {iset!r}, {a!r}") for a, p in probs.items()}
    beliefs: dict[str, tuple[Fraction | None, ...]] = {}
    for iset, values in (eq.get("beliefs") or {}).items():
        if not isinstance(values, list):
            raise SolutionError(f"beliefs at {iset!r}: expected a list, one per member node")
        beliefs[iset] = tuple(
            None if v is None else _exact(v, f"beliefs at {iset!r}") for v in values
        )
    return Solution(behavior, beliefs)
