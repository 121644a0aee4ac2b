"""Every Nash solver of pygambit 16.7, described: what it needs, what it guarantees, its options.

Each :class:`SolverSpec` says which representation the method works on (strategic,
sequence or agent form), whether its answers are exact rationals, what it guarantees to
find (:data:`FINDS`), and which :class:`SolverOptions` it takes; :func:`refusal` says why
a method does not apply to a game, before any work, from the tree's sizes
(:mod:`gametrees.gambit.sizes`). :func:`run_solver` runs a method on a ``pygambit.Game``
and returns its profiles as behaviour profiles.

The methods (Gambit's documentation, "Computing Nash equilibria"; McKelvey, McLennan &
Turocy, *Gambit: Software Tools for Game Theory*):

========== ============= ====== =========================================================
name       form          exact  finds
========== ============= ====== =========================================================
lcp        sequence      yes    one equilibrium (two players; Lemke 1965, Koller et al. 1996)
lp         sequence      yes    one (two-player constant-sum games)
enummixed  strategic     yes    all extreme equilibria (two players; Avis et al.'s lrs)
enumpure   strategic     yes    all pure equilibria
enumpure_agent agent     yes    all pure agent-form equilibria
enumpoly   sequence/str. no     all isolated equilibria, by support enumeration
gnm        strategic     no     some (global Newton, Govindan & Wilson 2003)
ipa        strategic     no     one (iterated polymatrix approximation)
simpdiv    strategic     yes*   one (simplicial subdivision; rational approximation)
logit      agent/str.    no     one: the limit of the principal logit QRE branch
liap       strategic     no     some: local minima of the Lyapunov function
liap_agent agent         no     some: the same on the agent form
========== ============= ====== =========================================================

Gambit 16.7 refuses games with imperfect recall in every method except ``enumpure_agent``
and ``logit`` (measured on pygambit's catalogue); :func:`refusal` says so up front.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from math import prod
from typing import TYPE_CHECKING, Any, Literal

from gametrees.gambit.sizes import GameSize, game_size
from gametrees.numbers import magnitude
from gametrees.tree import Game, Terminal, iter_nodes

if TYPE_CHECKING:
    import pygambit

# pygambit is imported by the runners only (importing it takes about a second, which
# `gametrees info` and `--help` should not pay).

__all__ = [
    "FINDS",
    "SOLVERS",
    "SolverOptions",
    "SolverSpec",
    "applicable_solvers",
    "is_constant_sum",
    "refusal",
    "run_solver",
]

Form = Literal["strategic", "sequence", "agent"]

#: What a method guarantees to return, in words (keys of :attr:`SolverSpec.finds`).
FINDS = {
    "all extreme": "all extreme equilibria (every equilibrium is a convex combination of extreme ones within a component)",
    "all pure": "all pure-strategy equilibria",
    "all pure agent": "all pure equilibria of the agent form",
    "all isolated": "all isolated equilibria (components of equilibria are represented by some of their points)",
    "one": "one equilibrium",
    "some": "some equilibria, with no guarantee that they are all",
}

#: Largest reduced strategic form (pure-strategy profiles) a strategic method is run on.
STRATEGIC_LIMIT = 100_000
#: ... and for enummixed, whose work grows fastest.
ENUMMIXED_LIMIT = 1_000  # Monty Hall's 12 x 512 does not finish in 60 s
#: Largest agent form (pure agent profiles) enumpure_agent enumerates.
AGENT_LIMIT = 1_000_000
#: Largest sequence form (total sequences) enumpoly is run on.
ENUMPOLY_LIMIT = 60


@dataclass(frozen=True)
class SolverOptions:
    """The options of Gambit's solvers; ``None`` leaves Gambit's default.

    ``maxregret``: the regret at which a float method stops (logit, liap, liap_agent,
    enumpoly, simpdiv); ``maxiter``: liap's iterations; ``stop_after``: stop after this many
    equilibria (lcp, enumpoly); ``rational``: exact arithmetic (lcp, lp, enummixed, simpdiv)
    or floats; ``first_step``, ``max_accel``: logit's path tracing; ``use_strategic``: run
    logit, lcp, lp or enumpoly on the strategic instead of the sequence/agent form;
    ``starts``: starting points of liap and liap_agent (the centroid and seeded random ones).
    """

    maxregret: float | None = None
    maxiter: int | None = None
    stop_after: int | None = None
    rational: bool | None = None
    first_step: float | None = None
    max_accel: float | None = None
    use_strategic: bool | None = None
    starts: int = 4

    def given(self) -> set[str]:
        """The names of the options set (not ``None``; ``starts`` when not the default)."""
        out = {k for k, v in vars(self).items() if v is not None and k != "starts"}
        if self.starts != 4:
            out.add("starts")
        return out


@dataclass(frozen=True)
class SolverSpec:
    """One of Gambit's methods and what it needs."""

    name: str
    description: str
    form: Form
    exact: bool
    finds: str
    options: frozenset[str]
    two_players: bool = False
    constant_sum: bool = False
    any_recall: bool = False
    run: Callable[[pygambit.Game, SolverOptions], tuple[list[Any], dict[str, Any]]] = field(
        default=lambda g, o: ([], {}), repr=False, compare=False
    )

    def form_for(self, options: SolverOptions) -> Form:
        """The representation the method works on with ``options``."""
        return (
            "strategic" if options.use_strategic and "use_strategic" in self.options else self.form
        )

    def is_exact(self, options: SolverOptions) -> bool:
        """Are the results exact rationals with ``options``?"""
        if "rational" in self.options and options.rational is not None:
            return options.rational
        return self.exact


def _kw(options: SolverOptions, *names: str) -> dict[str, Any]:
    return {n: getattr(options, n) for n in names if getattr(options, n) is not None}


def _equilibria(result: Any) -> list[Any]:
    return list(result.equilibria)


def _run_logit(g: pygambit.Game, o: SolverOptions) -> tuple[list[Any], dict[str, Any]]:
    """The last point of the logit branch, and its lambda (GAMBIT_NOTES pitfall 4: the
    result's ``.profile`` fails in 16.7, so the profile is rebuilt from the point)."""
    import pygambit.qre

    kw = _kw(o, "maxregret", "first_step", "max_accel")
    strategic = bool(o.use_strategic)
    branch = pygambit.qre.logit_solve_branch(g, use_strategic=strategic, **kw)
    if not branch:
        return [], {"lambda": None}
    last = branch[-1]
    if strategic:
        profile = g.mixed_strategy_profile(rational=False)
        strategies = [s for p in g.players for s in p.strategies]
        for i, s in enumerate(strategies):
            profile[s] = last[i]
    else:
        profile = g.mixed_behavior_profile(rational=False)
        actions = [a for a in g.actions if not a.infoset.is_chance]
        for i, a in enumerate(actions):
            profile[a] = last[i]
    lam_max = max(float(p.lam) for p in branch)
    return [profile], {"lambda": float(last.lam), "lambda_max": lam_max}


def _starts(g: pygambit.Game, o: SolverOptions, agent: bool) -> list[Any]:
    import numpy as np

    out = []
    for k in range(max(o.starts, 1)):
        if k == 0:
            out.append(g.mixed_behavior_profile() if agent else g.mixed_strategy_profile())
        else:
            rng = np.random.default_rng(k)
            out.append(
                g.random_behavior_profile(gen=rng) if agent else g.random_strategy_profile(gen=rng)
            )
    return out


def _run_liap(
    agent: bool,
) -> Callable[[pygambit.Game, SolverOptions], tuple[list[Any], dict[str, Any]]]:
    def run(g: pygambit.Game, o: SolverOptions) -> tuple[list[Any], dict[str, Any]]:
        from pygambit import nash

        solver = nash.liap_agent_solve if agent else nash.liap_solve
        found: list[Any] = []
        for start in _starts(g, o, agent):
            found += _equilibria(solver(start, **_kw(o, "maxregret", "maxiter")))
        return found, {"starts": max(o.starts, 1)}

    return run


def _plain(
    fn: str, *names: str
) -> Callable[[pygambit.Game, SolverOptions], tuple[list[Any], dict[str, Any]]]:
    """A runner of ``pygambit.nash.<fn>(game, **options)`` (pygambit imported when run)."""

    def run(g: pygambit.Game, o: SolverOptions) -> tuple[list[Any], dict[str, Any]]:
        from pygambit import nash

        return _equilibria(getattr(nash, fn)(g, **_kw(o, *names))), {}

    return run


def _run_simpdiv(g: pygambit.Game, o: SolverOptions) -> tuple[list[Any], dict[str, Any]]:
    import pygambit
    from pygambit import nash

    rational = o.rational is not False
    start = g.mixed_strategy_profile(rational=rational)
    kw = {}
    if o.maxregret is not None:
        kw["maxregret"] = pygambit.Rational(str(o.maxregret)) if rational else o.maxregret
    return _equilibria(nash.simpdiv_solve(start, **kw)), {}


_S = frozenset
SOLVERS: dict[str, SolverSpec] = {
    s.name: s
    for s in (
        SolverSpec("lcp", "linear complementarity (Lemke) on the sequence form", "sequence", True, "one",
                   _S({"rational", "stop_after", "use_strategic"}), two_players=True,
                   run=_plain("lcp_solve", "rational", "stop_after", "use_strategic")),
        SolverSpec("lp", "linear program on the sequence form (constant-sum games)", "sequence", True, "one",
                   _S({"rational", "use_strategic"}), two_players=True, constant_sum=True,
                   run=_plain("lp_solve", "rational", "use_strategic")),
        SolverSpec("enummixed", "all extreme equilibria of the strategic form (lrs)", "strategic", True,
                   "all extreme", _S({"rational"}), two_players=True,
                   run=_plain("enummixed_solve", "rational")),
        SolverSpec("enumpure", "pure equilibria of the strategic form", "strategic", True, "all pure",
                   _S(), run=_plain("enumpure_solve")),
        SolverSpec("enumpure_agent", "pure equilibria of the agent form", "agent", True, "all pure agent",
                   _S(), any_recall=True, run=_plain("enumpure_agent_solve")),
        SolverSpec("enumpoly", "support enumeration with polynomial systems (sequence form)", "sequence",
                   False, "all isolated", _S({"use_strategic", "stop_after", "maxregret"}),
                   run=_plain("enumpoly_solve", "use_strategic", "stop_after", "maxregret")),
        SolverSpec("gnm", "global Newton method on the strategic form", "strategic", False, "some", _S(),
                   run=_plain("gnm_solve")),
        SolverSpec("ipa", "iterated polymatrix approximation on the strategic form", "strategic", False,
                   "one", _S(), run=_plain("ipa_solve")),
        SolverSpec("simpdiv", "simplicial subdivision on the strategic form", "strategic", True, "one",
                   _S({"rational", "maxregret"}), run=_run_simpdiv),
        SolverSpec("logit", "the limit of the logit quantal response branch (agent form)", "agent", False,
                   "one", _S({"maxregret", "first_step", "max_accel", "use_strategic"}), any_recall=True,
                   run=_run_logit),
        SolverSpec("liap", "Lyapunov function minimisation on the strategic form", "strategic", False, "some",
                   _S({"maxregret", "maxiter", "starts"}), run=_run_liap(False)),
        SolverSpec("liap_agent", "Lyapunov function minimisation on the agent form", "agent", False, "some",
                   _S({"maxregret", "maxiter", "starts"}), run=_run_liap(True)),
    )
}  # fmt: skip


def _agent_profiles(size: GameSize) -> int:
    return prod(size.strategies[p] for p in size.players)


def is_constant_sum(game: Game) -> bool:
    """Whether the payoffs sum to the same total at every terminal."""
    totals = {sum(n.payoffs, Fraction(0)) for _, n in iter_nodes(game) if isinstance(n, Terminal)}
    return len(totals) <= 1


def applicable_solvers(
    game: Game, options: SolverOptions | None = None, size: GameSize | None = None
) -> list[str]:
    """The names of the methods that apply to ``game`` (in :data:`SOLVERS` order)."""
    size = size or game_size(game)
    opts = options or SolverOptions()
    cs = is_constant_sum(game)
    return [n for n, s in SOLVERS.items() if refusal(s, size, opts, constant_sum=cs) is None]


def refusal(
    spec: SolverSpec, size: GameSize, options: SolverOptions, *, constant_sum: bool
) -> str | None:
    """Why ``spec`` does not apply to a game of ``size`` with ``options`` (``None``: it does)."""
    n = len(size.players)
    if spec.two_players and n != 2:
        return f"{spec.name} works on two-player games only; this game has {n}"
    if spec.constant_sum and not constant_sum:
        return f"{spec.name} works on constant-sum games only; this game is not constant-sum"
    if not size.perfect_recall and not spec.any_recall:
        return (
            f"{spec.name}: Gambit 16.7 computes equilibria of games with imperfect recall "
            "only with enumpure_agent and logit"
        )
    unknown = options.given() - spec.options
    if unknown:
        return f"{spec.name} takes no option {', '.join(sorted('--' + u.replace('_', '-') for u in unknown))}"
    form = spec.form_for(options)
    if form == "strategic":
        limit = ENUMMIXED_LIMIT if spec.name == "enummixed" else STRATEGIC_LIMIT
        if size.strategic_profiles > limit:
            return (
                f"{spec.name} builds the strategic form, which has {magnitude(size.strategic_profiles)} "
                f"pure-strategy profiles here (limit {limit:,})"
            )
    if spec.name == "enumpure_agent" and _agent_profiles(size) > AGENT_LIMIT:
        return (
            f"enumpure_agent enumerates {magnitude(_agent_profiles(size))} pure agent profiles here "
            f"(limit {AGENT_LIMIT:,})"
        )
    if spec.name == "enumpoly" and form == "sequence" and size.sequence_form > ENUMPOLY_LIMIT:
        return (
            f"enumpoly enumerates supports of a sequence form with {size.sequence_form} sequences "
            f"here (limit {ENUMPOLY_LIMIT}): its work grows exponentially"
        )
    return None


def run_solver(
    spec: SolverSpec, g: pygambit.Game, options: SolverOptions
) -> tuple[list[Any], dict[str, Any]]:
    """Run ``spec`` on ``g``: its profiles (behaviour profiles, or strategy profiles for the
    strategic methods) and extra information (e.g. logit's final lambda)."""
    return spec.run(g, options)
