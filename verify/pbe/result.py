"""Typed, frozen results of :func:`gametrees.verify.pbe.solve_pbe`.

The pattern is pygambit's ``NashComputationResult``: the method, whether it is exact,
its parameters, and the equilibria -- here structured by equilibrium *path*
(:class:`PBEPath`), because full assessments multiply off the path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from gametrees.verify.refine import CriterionVerdict

__all__ = [
    "Assessment",
    "BeliefSet",
    "BlockSummary",
    "ImperfectRecall",
    "MixedResult",
    "NotATree",
    "OffPathContinuation",
    "PBERefusal",
    "PBEPath",
    "PBEResult",
    "TooLarge",
]

Vec = tuple[Fraction, ...]


class PBERefusal(ValueError):
    """The solver refuses the game before doing the work; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ImperfectRecall(PBERefusal):
    """The game does not have perfect recall (the concept and the decomposition need it)."""


class NotATree(PBERefusal):
    """The game is not an extensive-form (tree) game."""


class TooLarge(PBERefusal):
    """The estimated work exceeds a limit.

    ``what``: what was counted (e.g. pure profiles of one continuation after pruning);
    ``estimate``: the count; ``limit``: the limit; ``parameter``: the keyword of
    :func:`gametrees.verify.pbe.solve_pbe` that raises it.
    """

    def __init__(self, what: str, estimate: int, limit: int, parameter: str) -> None:
        super().__init__(
            f"refused before solving: {what} is {estimate}, above the limit {limit} "
            f"(raise {parameter}= to allow it)"
        )
        self.what = what
        self.estimate = estimate
        self.limit = limit
        self.parameter = parameter


@dataclass(frozen=True)
class BeliefSet:
    """A belief at one information set: one probability per member node, in pre-order.

    ``kind`` is

    * ``"point"`` -- Bayes' rule applies (the set is reached from the start of its block)
      or the set is a single node: ``point``;
    * ``"interval"`` -- a two-node set where Bayes' rule does not apply: the beliefs
      ``(t, 1 - t)`` with ``interval[0] <= t <= interval[1]`` support the behaviour
      (``t`` is the first member's probability);
    * ``"vertices"`` -- a larger such set: the convex hull of ``vertices``;
    * ``"halfspaces"`` -- a set too large for vertex enumeration: the beliefs ``mu`` with
      ``g . mu >= 0`` for every ``g`` in ``halfspaces`` (and ``mu`` a probability vector).

    For every kind but ``"point"``, ``halfspaces`` holds that inequality description (one
    row per deviation: the mover's gain of the played action over another, member by
    member), so :meth:`contains` is exact.
    """

    members: tuple[str, ...]
    kind: str
    point: Vec | None = None
    interval: tuple[Fraction, Fraction] | None = None
    vertices: tuple[Vec, ...] | None = None
    halfspaces: tuple[Vec, ...] | None = None
    representative_point: Vec | None = None

    def representative(self) -> Vec:
        """One belief of the set: the point, the interval's midpoint, the vertices'
        centroid, or a feasible point of the halfspaces."""
        if self.kind == "point":
            assert self.point is not None
            return self.point
        if self.kind == "interval":
            assert self.interval is not None
            t = (self.interval[0] + self.interval[1]) / 2
            return (t, 1 - t)
        if self.kind == "vertices":
            assert self.vertices
            k = len(self.vertices)
            return tuple(
                sum((v[j] for v in self.vertices), Fraction(0)) / k
                for j in range(len(self.members))
            )
        assert self.representative_point is not None
        return self.representative_point

    def contains(self, mu: Vec) -> bool:
        """Is the belief ``mu`` in the set? (Exact.)"""
        mu = tuple(Fraction(m) for m in mu)
        if any(m < 0 for m in mu) or sum(mu, Fraction(0)) != 1 or len(mu) != len(self.members):
            return False
        if self.kind == "point":
            return mu == self.point
        assert self.halfspaces is not None
        return all(
            sum((g[j] * mu[j] for j in range(len(mu))), Fraction(0)) >= 0 for g in self.halfspaces
        )


@dataclass(frozen=True)
class Assessment:
    """A full assessment of the game: behaviour and beliefs at every information set.

    ``behavior[name][action]`` and ``beliefs[name]`` are keyed by the game's information
    set names (:func:`gametrees.tree.infosets`); ``on_path[name]``: reached with positive
    probability in the whole game; ``payoffs``: expected payoffs, players in game order;
    ``pure``: every set plays one action.
    """

    behavior: Mapping[str, Mapping[str, Fraction]]
    beliefs: Mapping[str, BeliefSet]
    on_path: Mapping[str, bool]
    payoffs: Vec
    pure: bool

    def point_beliefs(self) -> dict[str, list[Fraction]]:
        """One belief per set (:meth:`BeliefSet.representative`), the form
        :func:`gametrees.verify.certify.certify_sequential` takes."""
        return {name: list(b.representative()) for name, b in self.beliefs.items()}


@dataclass(frozen=True)
class OffPathContinuation:
    """An off-path continuation of a path: the continuation equilibria it may play.

    ``after``: the public move or subgame that starts it; ``options``: how many
    continuation equilibria (of that block, counted as listed, not as full assessments)
    are allowed there; ``pure_options``: how many of them are pure; ``shared_with``: other
    continuations whose choices are constrained jointly with this one (then ``options``
    counts this one's equilibria that appear in some allowed joint choice).
    """

    after: str
    options: int
    pure_options: int
    shared_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class PBEPath:
    """An equilibrium path: the behaviour on the path and in every continuation it enters,
    with the set of continuation equilibria allowed after each off-path public move.

    ``assessment``: a representative full assessment (pure options first, then the
    harshest punishment: the largest margin by which the deviations it deters lose);
    ``path_pure``: the behaviour on the path is pure; ``pure``: a pure assessment with
    this path exists (a pure PBE); ``on_path_blocks_pure``: every continuation block the
    path enters is played purely at all of its sets (only off-path continuations may
    mix); ``off_path``: the off-path continuations and their options; ``refinements``:
    one verdict per criterion (:data:`gametrees.verify.refine.CRITERIA`).
    """

    index: int
    assessment: Assessment
    path_pure: bool
    pure: bool
    on_path_blocks_pure: bool
    off_path: tuple[OffPathContinuation, ...]
    refinements: Mapping[str, CriterionVerdict]
    count: int
    _enumerate: Callable[[], Iterator[Assessment]] = field(
        compare=False, repr=False, default=lambda: iter(())
    )

    def assessments(self, limit: int | None = None) -> Iterator[Assessment]:
        """Every full assessment with this path, lazily (the representative first);
        at most ``limit`` of them. :attr:`count` says how many there are."""
        for k, a in enumerate(self._enumerate()):
            if limit is not None and k >= limit:
                return
            yield a


@dataclass(frozen=True)
class BlockSummary:
    """One block of the decomposition (see the package docstring).

    ``start``: where it begins; ``roots`` and ``start_belief``: its root nodes and the
    belief over them it is solved from; ``players`` who move in it; ``infosets``: the
    names of its information sets; ``pure_profiles``: pure profiles enumerated (after
    pruning); ``pure_equilibria`` / ``mixed_equilibria``: continuation equilibria found;
    ``mixed_method`` and ``mixed_note``: how mixed ones were sought, and what is and is
    not guaranteed; ``sender_receiver``: ``None`` if the block is a sender-receiver game,
    else why not.
    """

    index: int
    start: str
    roots: tuple[str, ...]
    start_belief: Vec
    players: tuple[str, ...]
    infosets: tuple[str, ...]
    pure_profiles: int
    pure_equilibria: int
    mixed_equilibria: int
    mixed_method: str
    mixed_note: str
    sender_receiver: str | None


@dataclass(frozen=True)
class MixedResult:
    """Equilibria whose first block (the root's) mixes, found with Gambit's solvers.

    ``method``: ``"enummixed"`` / ``"enumpoly"`` / ``"none"``; ``exact``: whether the
    solver computes in exact rationals (``enumpoly`` does not: its profiles are rounded
    to rationals and kept only if they pass the exact checks); ``complete`` and
    ``reason``: what is guaranteed.
    """

    method: str
    exact: bool
    complete: bool
    reason: str
    equilibria: tuple[tuple[Assessment, Mapping[str, CriterionVerdict]], ...]


@dataclass(frozen=True)
class PBEResult:
    """All PBE paths of a game (see the package docstring for the concept).

    ``equilibria``: every path whose root block plays purely, with pure or mixed
    continuation equilibria inside; ``complete`` / ``complete_reason``: whether every
    pure PBE is listed; ``mixed``: equilibria in which the root block mixes; ``blocks``:
    the decomposition; ``parameters``: the limits used; ``infoset_keys``: the set name ->
    ``"<player>/<number>"`` key of the JSON output.
    """

    method: str
    exact: bool
    concept: str
    parameters: Mapping[str, Any]
    equilibria: tuple[PBEPath, ...]
    complete: bool
    complete_reason: str
    mixed: MixedResult
    blocks: tuple[BlockSummary, ...]
    players: tuple[str, ...]
    infoset_keys: Mapping[str, str]

    @property
    def pure_equilibria(self) -> tuple[PBEPath, ...]:
        """The paths of pure PBE (pure everywhere, off the path too)."""
        return tuple(p for p in self.equilibria if p.pure)
