"""Is a given equilibrium sequentially rational, and with which beliefs?

A Nash equilibrium from a Gambit solver may play a non-optimal action at an information
set it never reaches (GAMBIT_NOTES pitfall: agents at unreached sets have no regret). This
module asks, for an exact behaviour profile, whether some beliefs make it a **weak perfect
Bayesian equilibrium** (Mas-Colell, Whinston & Green 1995, def. 9.C.3): at every set
reached with positive probability the belief is Bayes' rule and every action played is
optimal under it; at every unreached set *some* belief over its member nodes makes every
action played optimal. The beliefs at unreached sets are found by an exact linear program
over the simplex (:func:`gametrees.verify.lp.simplex_point`), then the whole assessment
is re-checked by :func:`gametrees.verify.certify.certify_sequential`.

(The generic PBE solver, :mod:`gametrees.verify.pbe`, applies the stronger rule that
Bayes' rule also holds after publicly observed deviations; a profile it lists passes this
check too.)

>>> from gametrees import build, solve
>>> sol = sequentially_rational(build("beer_quiche"), solve(build("beer_quiche"), "lcp").equilibria[0])
>>> sol.rational, sol.note
(True, 'sequentially rational (weak PBE): beliefs at 1 unreached set chosen by exact LP')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction

from gametrees.solution import Equilibrium, Solution
from gametrees.tree import Game
from gametrees.verify.certify import analyse, certify_sequential, check_behavior
from gametrees.verify.lp import simplex_point

__all__ = ["SequentialCheck", "annotate", "sequentially_rational"]


@dataclass(frozen=True)
class SequentialCheck:
    """The verdict on one profile: ``rational`` (``None``: not checked, e.g. floats), the
    supporting ``beliefs`` (one per member node, pre-order) when rational, and a ``note``."""

    rational: bool | None
    beliefs: Mapping[str, tuple[Fraction, ...]] | None
    note: str


def _exact(eq: Equilibrium) -> dict[str, dict[str, Fraction]] | None:
    out = {}
    for name, probs in eq.behavior.items():
        if not all(isinstance(p, Fraction) for p in probs.values()):
            return None
        out[name] = dict(probs)
    return out


def sequentially_rational(game: Game, eq: Equilibrium) -> SequentialCheck:
    """Check ``eq`` on ``game`` (see the module docstring)."""
    behavior = _exact(eq)
    if behavior is None:
        return SequentialCheck(None, None, "not checked: the profile is not exact")
    bad = check_behavior(game, behavior)
    if bad:
        return SequentialCheck(False, None, f"not a behaviour profile: {bad[0]}")
    an = analyse(game, behavior)
    beliefs: dict[str, tuple[Fraction, ...]] = {}
    chosen = 0
    for name, (player, members, actions) in an.sets.items():
        bayes = an.bayes(name)
        if bayes is not None or len(members) == 1:
            beliefs[name] = tuple(bayes) if bayes is not None else (Fraction(1),)
            continue
        values = an.member_values(name)
        played = [a for a in actions if behavior[name].get(a, 0) > 0]
        rows = [[Fraction(v[a] - v[b]) for v in values] for a in played for b in actions if b != a]
        point = simplex_point(rows, len(members))
        if point is None:
            return SequentialCheck(
                False,
                None,
                f"not sequentially rational: no belief at the unreached set {name!r} ({player}) "
                f"makes {', '.join(played)} optimal",
            )
        beliefs[name] = tuple(point)
        chosen += 1
    violations = certify_sequential(game, behavior, {k: list(v) for k, v in beliefs.items()})
    if violations:
        return SequentialCheck(False, None, f"not sequentially rational: {violations[0]}")
    sets = f"{chosen} unreached set{'' if chosen == 1 else 's'}"
    note = "sequentially rational (weak PBE)" + (
        f": beliefs at {sets} chosen by exact LP" if chosen else ": every set is reached"
    )
    return SequentialCheck(True, beliefs, note)


def annotate(game: Game, solution: Solution) -> Solution:
    """``solution`` with each exact equilibrium marked sequentially rational or not."""
    eqs = []
    for eq in solution.equilibria:
        check = sequentially_rational(game, eq)
        eqs.append(replace(eq, sequentially_rational=check.rational, sequential_note=check.note))
    return replace(solution, equilibria=tuple(eqs))
