"""Mixed equilibria of one block from Gambit's solvers, filtered by sequential rationality.

The block (pruned: actions no sequentially rational profile plays are dropped, sets with
one action left are collapsed; exits replaced by the values of a choice of child
equilibria; several roots joined by a chance move with the block's start belief) is
handed to Gambit:

* two players: ``pygambit.nash.enummixed_solve(g, rational=True)``, exact, on the
  reduced strategic form -- every *extreme* Nash equilibrium of the block's game
  (Mangasarian 1964; Avis et al. 2010). Refused, with the size, when the reduced
  strategic form (counted from the tree first) exceeds ``max_strategic`` cells;
* three or more players: ``pygambit.nash.enumpoly_solve(g, use_strategic=False)``,
  support enumeration on the extensive form, in *floating point* (16.7 has no exact
  mode: ``maxregret`` is a tolerance). Its profiles are rounded to rationals and kept
  only if they pass the exact checks below; nothing is guaranteed complete.

Each profile becomes a behaviour profile; at sets the reduced strategic form leaves
unspecified (never reached under their own player's strategy) pure actions are tried.
It is kept when it is sequentially rational with beliefs: Bayes' rule where the block's
start reaches a set, and some belief (an exact feasibility problem) elsewhere. Pure
profiles are left to :mod:`gametrees.verify.pbe.pure`, which finds all of them.

What is guaranteed (two players): the sequentially rational profiles among the extreme
Nash equilibria are all found. Not guaranteed: sequentially rational profiles that are
not extreme Nash equilibria (e.g. inside a component of equilibria where off-path
mixing is bounded by beliefs rather than by incentives on the path).
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Sequence
from fractions import Fraction
from itertools import product
from math import prod

import pygambit

from gametrees.efg.writer import write_efg
from gametrees.gambit import exact, to_pygambit
from gametrees.verify.pbe.core import Context, Entry, Group
from gametrees.verify.pbe.structure import Block, reduced_strategies

__all__ = ["MixedOutcome", "solve_mixed"]

ZERO = Fraction(0)
ONE = Fraction(1)
Vec = tuple[Fraction, ...]


class MixedOutcome:
    """What :func:`solve_mixed` did: ``method``, ``note``, ``complete`` (the sequentially
    rational extreme equilibria are all found)."""

    __slots__ = ("entries", "method", "note", "complete", "exact")

    def __init__(self, entries: list[Entry], method: str, note: str, complete: bool, exact_: bool):
        self.entries = entries
        self.method = method
        self.note = note
        self.complete = complete
        self.exact = exact_


def _movers(ctx: Context, b: Block) -> list[int]:
    allowed = ctx.block_allowed[b.index]
    return sorted({ctx.ix.set_player[s] for s in b.sets if len(allowed[s]) > 1})


def solve_mixed(ctx: Context, b: Block) -> MixedOutcome:
    """The mixed (not pure) equilibria of block ``b`` that Gambit finds and that pass the
    exact sequential-rationality check."""
    ix = ctx.ix
    lim = ctx.limits
    movers = _movers(ctx, b)
    if not movers:
        return MixedOutcome(
            [], "none", "every information set has one action left after pruning", True, True
        )
    if len(movers) == 1:
        return MixedOutcome(
            [],
            "none",
            "one player moves: the extreme points of its equilibria are pure (mixtures of "
            "optimal pure plans are equilibria too, and are not listed)",
            True,
            True,
        )
    groups = {x: ctx.groups(x) for x in b.exits}
    if any(not g for g in groups.values()):
        return MixedOutcome(
            [], "none", "a continuation below has no equilibrium found", False, True
        )
    selections = prod(len(g) for g in groups.values())
    if selections > lim.max_mixed_selections:
        return MixedOutcome(
            [],
            "none",
            f"not computed: {selections} choices of continuation equilibria below "
            f"(limit max_mixed_selections={lim.max_mixed_selections})",
            False,
            True,
        )
    allowed = ctx.block_allowed[b.index]
    live = [s for s in b.sets if len(allowed[s]) > 1]
    if len(movers) == 2:
        counts = reduced_strategies(ix, live, allowed)
        size = prod(counts.get(p, 1) for p in movers)
        method = "enummixed"
        if size > lim.max_strategic:
            return MixedOutcome(
                [],
                method,
                f"refused: the reduced strategic form has "
                f"{' x '.join(str(counts.get(p, 1)) for p in movers)} = {size} cells "
                f"(limit max_strategic={lim.max_strategic})",
                False,
                True,
            )
    else:
        size = prod(len(allowed[s]) for s in live)
        method = "enumpoly"
        if size > lim.max_enumpoly:
            return MixedOutcome(
                [],
                method,
                f"refused: {size} pure agent profiles (limit max_enumpoly={lim.max_enumpoly})",
                False,
                False,
            )
    found: dict[tuple, Entry] = {}
    exits = list(b.exits)
    for sel in product(*(range(len(groups[x])) for x in exits)):
        chosen: dict[int, Group] = {x: groups[x][g] for x, g in zip(exits, sel, strict=True)}
        exit_values = {x: g.values for x, g in chosen.items()}
        game = ctx.block_game(b, exit_values, pruned=True, players=movers)
        g = to_pygambit(game, check=False)
        if method == "enummixed":
            profiles = [
                eq.as_behavior()
                for eq in pygambit.nash.enummixed_solve(g, rational=True).equilibria
            ]
            rational = True
        else:
            got = _enumpoly(write_efg(game, check=False), lim.enumpoly_timeout)
            if got is None:
                return MixedOutcome(
                    list(found.values()),
                    method,
                    f"enumpoly did not finish within {lim.enumpoly_timeout} s and was stopped "
                    "(Gambit 16.7's enumpoly does not terminate on some degenerate games); "
                    "no mixed equilibria of this block are guaranteed",
                    False,
                    False,
                )
            profiles = got
            rational = False
        for prof in profiles:
            for behavior in _behaviors(ctx, b, g, prof, rational):
                if all(sum(1 for p in probs if p > 0) == 1 for probs in behavior.values()):
                    continue  # pure: the enumeration has it
                checked = ctx.check_mixed(b, behavior, exit_values)
                if checked is None:
                    continue
                bayes, rows, values, reached = checked
                on_exits = sorted(reached)
                fixed = {x: chosen[x].entries[0] for x in exits if x not in reached}
                for kids in product(*(chosen[x].entries for x in on_exits)):
                    key = (
                        tuple(sorted(behavior.items())),
                        tuple(id(k) for k in kids),
                    )
                    if key in found:
                        continue
                    found[key] = Entry(
                        block=b.index,
                        behavior=behavior,
                        pure=False,
                        on_path=dict(zip(on_exits, kids, strict=True)),
                        components=[],
                        free=[],
                        fixed=fixed,
                        values=values,
                        bayes=bayes,
                        rows=rows,
                        origin=method,
                    ).finish()
    if method == "enummixed":
        note = (
            "Gambit's enummixed (exact) on the pruned block: every extreme Nash equilibrium; "
            "the sequentially rational ones are kept. Not guaranteed: sequentially rational "
            "profiles that are not extreme Nash equilibria"
            + (
                f"; solved for each of {selections} choices of the equilibria below"
                if exits
                else ""
            )
        )
        return MixedOutcome(list(found.values()), method, note, True, True)
    note = (
        "Gambit's enumpoly (floating point) on the pruned block; profiles rounded to rationals "
        "and kept only if exactly sequentially rational; not guaranteed complete"
    )
    return MixedOutcome(list(found.values()), method, note, False, False)


def _enumpoly_child(text: str, conn: object) -> None:
    """Run in a child process: enumpoly on the game ``text``; send back the profiles as
    {information-set label: {action label: probability}} (floats)."""
    import io

    g = pygambit.read_efg(io.StringIO(text))
    out = []
    for prof in pygambit.nash.enumpoly_solve(g, use_strategic=False).equilibria:
        out.append(
            {
                i.label: {a.label: float(prof[a]) for a in i.actions}
                for pl in g.players
                for i in pl.infosets
            }
        )
    conn.send(out)  # type: ignore[attr-defined]
    conn.close()  # type: ignore[attr-defined]


def _enumpoly(text: str, timeout: float) -> list[dict[str, dict[str, float]]] | None:
    """enumpoly in a child process, stopped after ``timeout`` seconds (``None``)."""
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    ctx = multiprocessing.get_context(method)
    here, there = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_enumpoly_child, args=(text, there), daemon=True)
    proc.start()
    there.close()
    try:
        if not here.poll(timeout):
            return None
        return here.recv()
    except EOFError:  # the child died without an answer
        return None
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join()
        here.close()


def _rational(value: object, is_rational: bool) -> Fraction:
    if is_rational:
        return exact(value)
    return Fraction(float(value)).limit_denominator(10**6)  # type: ignore[arg-type]


def _behaviors(
    ctx: Context, b: Block, g: pygambit.Game, prof: object, is_rational: bool
) -> list[dict[int, tuple[Fraction, ...]]]:
    """The behaviour profiles on the block's sets that ``prof`` stands for: collapsed sets
    play their one action; sets left unspecified (probabilities all zero, or absent from
    the pruned game because they lie below pruned actions only) take every pure allowed
    action in turn."""
    ix = ctx.ix
    allowed = ctx.block_allowed[b.index]
    read: dict[str, dict[str, Fraction]] = {}
    if isinstance(prof, dict):  # from the enumpoly child process
        read = {i: {a: _rational(v, False) for a, v in acts.items()} for i, acts in prof.items()}
    else:
        for player in g.players:
            for infoset in player.infosets:
                read[infoset.label] = {
                    a.label: _rational(prof[a], is_rational)  # type: ignore[index]
                    for a in infoset.actions
                }
    base: dict[int, tuple[Fraction, ...]] = {}
    open_sets: list[int] = []
    for s in b.sets:
        acts = ix.set_actions[s]
        if len(allowed[s]) == 1:
            base[s] = tuple(ONE if a == allowed[s][0] else ZERO for a in range(len(acts)))
            continue
        probs = read.get(ix.set_name[s])  # absent: every node lies below a pruned action
        vec = [ZERO] * len(acts) if probs is None else [probs.get(label, ZERO) for label in acts]
        total = sum(vec, ZERO)
        if total == 0:
            open_sets.append(s)
            continue
        if not is_rational:
            vec = [max(v, ZERO) for v in vec]
            total = sum(vec, ZERO)
            vec = [v / total for v in vec]
        base[s] = tuple(vec)
    out = []
    choices: Sequence[Sequence[int]] = [allowed[s] for s in open_sets]
    if prod(len(c) for c in choices) > ctx.limits.max_profiles:
        return []
    for combo in product(*choices):
        beh = dict(base)
        for s, a in zip(open_sets, combo, strict=True):
            beh[s] = tuple(ONE if j == a else ZERO for j in range(len(ix.set_actions[s])))
        out.append(beh)
    return out
