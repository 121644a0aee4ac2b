"""What the block solvers share: limits, continuation equilibria (:class:`Entry`), the
solving context, exact evaluation of a block under a behaviour, and the block as a game.

An :class:`Entry` is one equilibrium of one block (see the package docstring): the
behaviour at the block's information sets, the child entry played after every exit that
is reached from the block's start, and, for the exits that are not reached, which child
entries may be played there (:class:`Component`: jointly constrained exits with their
allowed joint choices; ``free``: exits on which nothing depends; ``fixed``: a single
witness, for entries found by Gambit).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from math import prod

from gametrees.tree import Chance, Decision, Game, Node, Terminal
from gametrees.verify.lp import feasible_rows
from gametrees.verify.pbe.result import ImperfectRecall, TooLarge
from gametrees.verify.pbe.structure import (
    Block,
    Decomposition,
    Indexed,
    decompose,
    imperfect_recall,
    index_game,
    prune,
)

__all__ = ["Component", "Context", "Entry", "Group", "Limits"]

ZERO = Fraction(0)
ONE = Fraction(1)
Vec = tuple[Fraction, ...]
EdgeKey = tuple[int, int]  # (exit index, index of the child block's root)


@dataclass(frozen=True)
class Limits:
    """The limits of :func:`gametrees.verify.pbe.solve_pbe` (see its parameters)."""

    max_profiles: int = 50_000
    max_combinations: int = 100_000
    max_paths: int = 10_000
    mixed: bool = True
    max_strategic: int = 2_500
    max_enumpoly: int = 256
    max_mixed_selections: int = 16
    enumpoly_timeout: float = 10.0


@dataclass(eq=False)
class Group:
    """Child entries of one exit with equal values at every root of the child block:
    interchangeable for every incentive above them."""

    values: tuple[Vec, ...]
    entries: list[Entry]

    @property
    def pure_ok(self) -> bool:
        return any(e.pure_completion for e in self.entries)


@dataclass(eq=False)
class Component:
    """Off-path exits whose choices are constrained jointly.

    ``assignments[j]`` gives a group index per exit (an allowed joint choice; sorted:
    pure options first, then the harshest); ``rows[j]`` the belief inequalities it leaves
    at the unreached sets whose incentives involve these exits.
    """

    exits: list[int]
    groups: list[list[Group]]
    assignments: list[tuple[int, ...]]
    rows: list[dict[int, list[list[Fraction]]]]


@dataclass(eq=False)
class Entry:
    """One equilibrium of one block (see the module docstring).

    ``behavior[s]``: probabilities over the actions of set ``s``; ``values[k]``: every
    player's expected payoff from the block's ``k``-th root; ``bayes[s]``: the Bayes
    belief at the sets reached from the block's start; ``rows[s]``: the belief
    inequalities at unreached sets that do not depend on off-path choices; ``origin``:
    ``"enumeration"``, ``"enummixed"`` or ``"enumpoly"``.
    """

    block: int
    behavior: dict[int, tuple[Fraction, ...]]
    pure: bool
    on_path: dict[int, Entry]
    components: list[Component]
    free: list[tuple[int, list[Entry]]]
    fixed: dict[int, Entry]
    values: tuple[Vec, ...]
    bayes: dict[int, Vec]
    rows: dict[int, list[list[Fraction]]]
    origin: str
    path_pure: bool = False
    blocks_pure: bool = False
    pure_completion: bool = False
    memo: dict = field(default_factory=dict)

    def finish(self) -> Entry:
        """Compute the purity flags from the children (call once, children first)."""
        reached = set(self.bayes)
        self.path_pure = all(
            sum(1 for p in self.behavior[s] if p > 0) == 1 for s in reached
        ) and all(c.path_pure for c in self.on_path.values())
        self.blocks_pure = self.pure and all(c.blocks_pure for c in self.on_path.values())
        self.pure_completion = (
            self.blocks_pure
            and all(c.pure_completion for c in self.on_path.values())
            and all(c.pure_completion for c in self.fixed.values())
            and all(any(o.pure_completion for o in opts) for _, opts in self.free)
            and all(
                any(
                    all(comp.groups[i][g].pure_ok for i, g in enumerate(a))
                    for a in comp.assignments
                )
                for comp in self.components
            )
        )
        return self


class Context:
    """The indexed game, its decomposition, pruning, limits and solved blocks."""

    def __init__(self, game: Game, limits: Limits) -> None:
        self.game = game
        self.limits = limits
        self.ix: Indexed = index_game(game)
        why = imperfect_recall(self.ix)
        if why is not None:
            raise ImperfectRecall(
                f"the game does not have perfect recall: {why}; perfect Bayesian equilibrium "
                "and its decomposition need perfect recall"
            )
        self.dec: Decomposition = decompose(self.ix)
        ix = self.ix
        self.allowed: dict[int, list[int]] = {
            s: list(range(len(ix.set_actions[s]))) for s in range(len(ix.set_name))
        }
        prune(ix, range(ix.n), {}, self.allowed)
        self.edge: dict[tuple[int, int], EdgeKey] = {}
        for x in self.dec.exits:
            for node, a, k in x.edges:
                self.edge[(node, a)] = (x.index, k)
        self.profiles = [prod(len(self.allowed[s]) for s in b.sets) for b in self.dec.blocks]
        worst = max(range(len(self.profiles)), key=lambda j: self.profiles[j])
        if self.profiles[worst] > limits.max_profiles:
            b = self.dec.blocks[worst]
            raise TooLarge(
                f"the number of pure profiles of the continuation that starts at {b.start} "
                f"({len(b.sets)} information sets, after backward-induction pruning; "
                f"{len(self.dec.blocks)} continuations in all)",
                self.profiles[worst],
                limits.max_profiles,
                "max_profiles",
            )
        self.options: dict[int, list[Entry]] = {}
        self.block_allowed: dict[int, dict[int, list[int]]] = {}

    # ----------------------------------------------------------------- helpers

    @property
    def blocks(self) -> list[Block]:
        return self.dec.blocks

    def groups(self, x: int) -> list[Group]:
        """The options of exit ``x`` grouped by their values at the child's roots."""
        out: dict[tuple[Vec, ...], Group] = {}
        for e in self.options.get(x, []):
            g = out.get(e.values)
            if g is None:
                out[e.values] = g = Group(e.values, [])
            g.entries.append(e)
        return list(out.values())

    def prune_block(self, b: Block) -> dict[int, list[int]]:
        """Backward-induction pruning inside ``b``, with the exits' options as bounds."""
        ix = self.ix
        allowed = {s: list(self.allowed[s]) for s in b.sets}
        slot_bounds = {}
        for (node, a), x in b.slot.items():
            k = self.edge[(node, a)][1]
            vals = [e.values[k] for e in self.options[x]]  # the caller checks they exist
            npl = len(ix.players)
            slot_bounds[(node, a)] = (
                tuple(min(v[j] for v in vals) for j in range(npl)),
                tuple(max(v[j] for v in vals) for j in range(npl)),
            )
        prune(ix, b.nodes, slot_bounds, allowed)
        self.block_allowed[b.index] = allowed
        return allowed

    # ----------------------------------------------------------------- evaluation

    def evaluate(
        self,
        b: Block,
        behavior: Mapping[int, Sequence[Fraction]],
        exit_values: Mapping[int, Sequence[Vec]],
    ) -> tuple[dict[int, Fraction], dict[int, Vec], dict[tuple[int, int], Fraction]]:
        """Reach probabilities from the block's start, every node's value, and the reach
        of every exit edge, under a (possibly mixed) ``behavior`` and fixed exit values."""
        ix = self.ix
        npl = len(ix.players)
        reach: dict[int, Fraction] = {r: b.nu[k] for k, r in enumerate(b.roots)}
        edge_reach: dict[tuple[int, int], Fraction] = {}
        for i in b.nodes:
            if ix.kind[i] == "t":
                continue
            here = reach.get(i, ZERO)
            probs = ix.probs[i] if ix.kind[i] == "c" else behavior[ix.iset[i]]
            for a, c in enumerate(ix.children[i]):
                r = here * probs[a]
                if (i, a) in b.slot:
                    edge_reach[(i, a)] = r
                else:
                    reach[c] = r
        value: dict[int, Vec] = {}
        for i in reversed(b.nodes):
            if ix.kind[i] == "t":
                value[i] = ix.payoffs[i]
                continue
            probs = ix.probs[i] if ix.kind[i] == "c" else behavior[ix.iset[i]]
            acc = [ZERO] * npl
            for a, p in enumerate(probs):
                if p:
                    v = self.slot_value(b, i, a, value, exit_values)
                    for j in range(npl):
                        acc[j] += p * v[j]
            value[i] = tuple(acc)
        return reach, value, edge_reach

    def slot_value(
        self,
        b: Block,
        i: int,
        a: int,
        value: Mapping[int, Vec],
        exit_values: Mapping[int, Sequence[Vec]],
    ) -> Vec:
        if (i, a) in b.slot:
            x, k = self.edge[(i, a)]
            return exit_values[x][k]
        return value[self.ix.children[i][a]]

    def check_mixed(
        self,
        b: Block,
        behavior: Mapping[int, Sequence[Fraction]],
        exit_values: Mapping[int, Sequence[Vec]],
    ) -> tuple[dict[int, Vec], dict[int, list[list[Fraction]]], tuple[Vec, ...], set[int]] | None:
        """Sequential rationality of a (mixed) behaviour in block ``b`` with fixed exit
        values: ``None`` if some set fails, else (Bayes beliefs at reached sets, belief
        rows at unreached sets, values at the roots, exits reached)."""
        ix = self.ix
        reach, value, edge_reach = self.evaluate(b, behavior, exit_values)
        allowed = self.block_allowed[b.index]
        bayes: dict[int, Vec] = {}
        rows_out: dict[int, list[list[Fraction]]] = {}
        for s in b.sets:
            pl = ix.set_player[s]
            members = ix.members[s]
            probs = behavior[s]
            support = [a for a, p in enumerate(probs) if p > 0]
            acts = allowed[s]
            if any(a not in acts for a in support):
                return None
            sv = {
                (m, a): self.slot_value(b, m, a, value, exit_values)[pl]
                for m in members
                for a in acts
            }
            tot = sum((reach.get(m, ZERO) for m in members), ZERO)
            rows = [
                [sv[(m, p)] - sv[(m, a)] for m in members] for p in support for a in acts if a != p
            ]
            if tot > 0:
                mu = tuple(reach.get(m, ZERO) / tot for m in members)
                if any(sum((w * g[j] for j, w in enumerate(mu)), ZERO) < 0 for g in rows):
                    return None
                bayes[s] = mu
            else:
                if not feasible_rows(rows, len(members)):
                    return None
                rows_out[s] = rows
        values = tuple(value[r] for r in b.roots)
        reached = {self.edge[e][0] for e, r in edge_reach.items() if r > 0}
        return bayes, rows_out, values, reached

    # ----------------------------------------------------------------- the block as a game

    def block_game(
        self,
        b: Block,
        exit_values: Mapping[int, Sequence[Vec]],
        *,
        pruned: bool,
        players: Sequence[int] | None = None,
    ) -> Game:
        """Block ``b`` as a game: a chance root over its roots (if it has several) with the
        start belief, exits replaced by terminals with ``exit_values``, payoffs of
        ``players`` (default all). ``pruned``: drop pruned actions and collapse sets left
        with one action (the game Gambit solves)."""
        ix = self.ix
        pls = list(range(len(ix.players))) if players is None else list(players)
        allowed = self.block_allowed[b.index]
        names = tuple(ix.players[p] for p in pls)

        def leaf(v: Vec) -> Terminal:
            return Terminal(tuple(v[p] for p in pls))

        built: dict[int, Node] = {}
        for i in reversed(b.nodes):
            if ix.kind[i] == "t":
                built[i] = leaf(ix.payoffs[i])
                continue
            acts = list(range(len(ix.children[i])))
            if ix.kind[i] == "d" and pruned:
                acts = allowed[ix.iset[i]]
            kids = []
            for a in acts:
                if (i, a) in b.slot:
                    x, k = self.edge[(i, a)]
                    kids.append(leaf(exit_values[x][k]))
                else:
                    kids.append(built.pop(ix.children[i][a]))
            if ix.kind[i] == "c":
                built[i] = Chance(ix.actions[i], ix.probs[i], tuple(kids))
            elif pruned and len(acts) == 1:
                built[i] = kids[0]
            else:
                s = ix.iset[i]
                built[i] = Decision(
                    ix.players[ix.set_player[s]],
                    ix.set_name[s],
                    tuple(ix.actions[i][a] for a in acts),
                    tuple(kids),
                )
        if len(b.roots) == 1:
            root = built[b.roots[0]]
        else:
            root = Chance(
                tuple(f"start {k + 1}" for k in range(len(b.roots))),
                tuple(b.nu),
                tuple(built[r] for r in b.roots),
            )
        return Game(names, root, title=f"continuation block {b.index}")
