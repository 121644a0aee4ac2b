"""Run Gambit's Nash solvers on a :class:`gametrees.tree.Game` and report the results in
the game's own terms (information-set names, action labels, exact rationals).

Which solvers apply (:func:`applicable_solvers`):

* two-player games: ``lcp`` (default; sequence form, exact), ``lp`` (sequence form, exact,
  constant-sum games only), ``enummixed`` and ``enumpure`` (strategic form, exact; only on
  small games, see :data:`STRATEGIC_LIMIT`), and the agent-form methods below;
* any number of players: ``enumpure_agent`` (pure agent-form equilibria, exact),
  ``logit`` (agent QRE traced to its limit, floating point) and ``liap_agent``
  (Lyapunov minimisation from a few fixed starting points, floating point).

Strategic-form code can exhaust memory on large trees (GAMBIT_NOTES pitfall 1), so the
strategic solvers are refused when the strategic form would have more than
:data:`STRATEGIC_LIMIT` pure-strategy profiles (counted from the tree, without building
anything), and regret is always the agent regret (``agent_max_regret``), never
``max_regret``.

Every equilibrium lists the behaviour probabilities at each player information set, each
player's beliefs at the members of each set (``None`` where the set is reached with
probability 0) and the agent max regret. Logit reports its final lambda and regret and
warns when the regret is not small (pitfall 2); the profile is rebuilt from the branch's
last point because ``LogitQREMixedBehaviorProfile.profile`` fails in 16.7 (pitfall 4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from math import prod
from typing import Any

import numpy as np
import pygambit
from pygambit import nash, qre

from gametrees.gambit.convert import exact, to_pygambit
from gametrees.solution import Equilibrium, Solution, Value
from gametrees.tree import Decision, Game, Terminal, infosets, iter_nodes

__all__ = [
    "SOLVERS",
    "STRATEGIC_LIMIT",
    "Equilibrium",
    "SolveError",
    "Solution",
    "SolverSpec",
    "applicable_solvers",
    "default_solver",
    "is_constant_sum",
    "solve",
    "strategic_size",
]

#: Largest number of pure-strategy profiles a strategic-form solver is run on.
STRATEGIC_LIMIT = 4096

#: Logit's agent regret, relative to the payoff range, above which a warning is given.
LOGIT_REGRET_TOLERANCE = 1e-6


class SolveError(ValueError):
    """A solver does not apply to the game, or Gambit refused it."""


@dataclass(frozen=True)
class SolverSpec:
    """A solver: its name, what it needs, and how to run it on a ``pygambit.Game``."""

    name: str
    description: str
    exact: bool
    two_players: bool = False
    constant_sum: bool = False
    strategic: bool = False


SOLVERS: dict[str, SolverSpec] = {
    s.name: s
    for s in (
        SolverSpec(
            "lcp", "linear complementarity on the sequence form (exact)", True, two_players=True
        ),
        SolverSpec(
            "lp",
            "linear program on the sequence form (exact; constant-sum only)",
            True,
            two_players=True,
            constant_sum=True,
        ),
        SolverSpec(
            "enummixed",
            "all extreme mixed equilibria of the strategic form (exact; small games only)",
            True,
            two_players=True,
            strategic=True,
        ),
        SolverSpec(
            "enumpure",
            "pure equilibria of the strategic form (exact; small games only)",
            True,
            two_players=True,
            strategic=True,
        ),
        SolverSpec("enumpure_agent", "pure equilibria of the agent form (exact)", True),
        SolverSpec("logit", "limit of the agent logit QRE branch (floating point)", False),
        SolverSpec(
            "liap_agent",
            "Lyapunov minimisation in the agent form from fixed starts (floating point)",
            False,
        ),
    )
}


def strategic_size(game: Game) -> int:
    """The number of pure-strategy profiles of the (unreduced) strategic form.

    Computed from the tree: per player, the product of the action counts of its sets.
    """
    per_player: dict[str, list[int]] = {p: [] for p in game.players}
    for (player, _), members in infosets(game).items():
        per_player[player].append(len(members[0][1].actions))
    return prod(prod(counts) for counts in per_player.values())


def is_constant_sum(game: Game) -> bool:
    """Whether the payoffs sum to the same total at every terminal."""
    totals = {sum(n.payoffs, Fraction(0)) for _, n in iter_nodes(game) if isinstance(n, Terminal)}
    return len(totals) <= 1


def applicable_solvers(game: Game) -> list[str]:
    """The names of the solvers that apply to ``game``, in :data:`SOLVERS` order."""
    return [name for name in SOLVERS if _refusal(game, SOLVERS[name]) is None]


def default_solver(game: Game) -> str:
    """``lcp`` for two-player games, ``logit`` otherwise."""
    return "lcp" if len(game.players) == 2 else "logit"


def _refusal(game: Game, spec: SolverSpec) -> str | None:
    """Why ``spec`` does not apply to ``game``, or ``None`` if it does."""
    if spec.two_players and len(game.players) != 2:
        return f"{spec.name} works on two-player games only; this game has {len(game.players)}"
    if spec.constant_sum and not is_constant_sum(game):
        return f"{spec.name} works on constant-sum games only; this game is not constant-sum"
    if spec.strategic:
        size = strategic_size(game)
        if size > STRATEGIC_LIMIT:
            return (
                f"{spec.name} builds the strategic form, which has {size} pure-strategy "
                f"profiles here (limit {STRATEGIC_LIMIT}); use a sequence- or agent-form "
                "solver"
            )
    return None


# --------------------------------------------------------------------------- runners


def _behavior(profiles: Any) -> list[Any]:
    """Behaviour profiles from a list of behaviour or strategy profiles."""
    return [p.as_behavior() if hasattr(p, "as_behavior") else p for p in profiles]


def _run_logit(g: pygambit.Game) -> tuple[list[Any], float]:
    """The last point of the agent logit branch as a behaviour profile, and its lambda."""
    branch = qre.logit_solve_branch(g, use_strategic=False)
    last = branch[-1]
    profile = g.mixed_behavior_profile(rational=False)
    actions = [a for a in g.actions if not a.infoset.is_chance]
    for i, action in enumerate(actions):
        profile[action] = last[i]
    return [profile], float(last.lam)


def _run_liap(g: pygambit.Game, starts: int) -> list[Any]:
    """Agent Lyapunov minimisation from the centroid and ``starts - 1`` seeded random
    profiles; distinct results only."""
    found: list[Any] = []
    seen: set[tuple[float, ...]] = set()
    actions = [a for a in g.actions if not a.infoset.is_chance]
    for k in range(max(starts, 1)):
        start = (
            g.mixed_behavior_profile(rational=False)
            if k == 0
            else g.random_behavior_profile(gen=np.random.default_rng(k))
        )
        for eq in nash.liap_agent_solve(start).equilibria:
            key = tuple(round(float(eq[a]), 6) for a in actions)
            if key not in seen:
                seen.add(key)
                found.append(eq)
    return found


RUNNERS: dict[str, Callable[[pygambit.Game], list[Any]]] = {
    "lcp": lambda g: nash.lcp_solve(g, rational=True, use_strategic=False).equilibria,
    "lp": lambda g: nash.lp_solve(g, rational=True, use_strategic=False).equilibria,
    "enummixed": lambda g: _behavior(nash.enummixed_solve(g, rational=True).equilibria),
    "enumpure": lambda g: _behavior(nash.enumpure_solve(g).equilibria),
    "enumpure_agent": lambda g: nash.enumpure_agent_solve(g).equilibria,
}


# --------------------------------------------------------------------------- solve


def _value(x: Any, is_exact: bool) -> Value:
    return exact(x) if is_exact else float(x)


def _equilibrium(game: Game, g: pygambit.Game, profile: Any, is_exact: bool) -> Equilibrium:
    """Read ``profile`` back in the names of ``game`` (its sets are labelled by name)."""
    by_label = {s.label: s for s in g.infosets if not s.is_chance}
    behavior: dict[str, dict[str, Value]] = {}
    beliefs: dict[str, tuple[Value | None, ...]] = {}
    for (_, name), members in infosets(game).items():
        s = by_label[name]
        node: Decision = members[0][1]
        probs = {a.label: _value(profile[a], is_exact) for a in s.actions}
        behavior[name] = {a: probs[a] for a in node.actions}
        beliefs[name] = tuple(
            None if (b := profile.belief(m)) is None else _value(b, is_exact) for m in s.members
        )
    return Equilibrium(behavior, beliefs, _value(profile.agent_max_regret(), is_exact))


def solve(game: Game, solver: str | None = None, *, liap_starts: int = 4) -> Solution:
    """Run ``solver`` (default :func:`default_solver`) on ``game``.

    Raises :class:`SolveError` when the solver is unknown or does not apply (the message
    lists those that do), or when Gambit refuses the game.
    """
    name = solver or default_solver(game)
    spec = SOLVERS.get(name)
    if spec is None:
        raise SolveError(
            f"unknown solver {name!r}; solvers for this game: {', '.join(applicable_solvers(game))}"
        )
    why = _refusal(game, spec)
    if why is not None:
        raise SolveError(f"{why}. Solvers for this game: {', '.join(applicable_solvers(game))}")
    g = to_pygambit(game)
    notes: list[str] = []
    warnings: list[str] = []
    lam: float | None = None
    try:
        if name == "logit":
            profiles, lam = _run_logit(g)
        elif name == "liap_agent":
            profiles = _run_liap(g, liap_starts)
            notes.append(
                f"liap_agent: {max(liap_starts, 1)} starting points (centroid and "
                "seeded random profiles); local method, may miss equilibria"
            )
        else:
            profiles = RUNNERS[name](g)
    except RuntimeError as exc:
        raise SolveError(f"Gambit's {name} solver failed: {exc}") from None
    equilibria = [_equilibrium(game, g, p, spec.exact) for p in profiles]
    if name == "logit" and equilibria:
        regret = float(equilibria[0].agent_max_regret)
        span = float(g.max_payoff - g.min_payoff) or 1.0
        notes.append(f"logit: final lambda {lam:.6g}, agent max regret {regret:.3g}")
        if regret > LOGIT_REGRET_TOLERANCE * span:
            warnings.append(
                f"logit stopped at lambda {lam:.6g} with agent max regret {regret:.3g} "
                f"(above {LOGIT_REGRET_TOLERANCE:g} x payoff range): not an equilibrium yet"
            )
    return Solution(
        game.title,
        name,
        spec.exact,
        tuple(equilibria),
        tuple(notes),
        tuple(warnings),
        lam,
        tree=game,
    )
