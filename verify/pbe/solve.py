""":func:`solve_pbe`: every pure PBE path of a finite game with perfect recall."""

from __future__ import annotations

from typing import Any

import pygambit

from gametrees.gambit import from_pygambit
from gametrees.tree import Game
from gametrees.verify.pbe.assemble import Assembler
from gametrees.verify.pbe.core import Context, Entry, Limits
from gametrees.verify.pbe.mixed import MixedOutcome, solve_mixed
from gametrees.verify.pbe.pure import solve_pure
from gametrees.verify.pbe.result import (
    BlockSummary,
    MixedResult,
    NotATree,
    PBEPath,
    PBEResult,
)
from gametrees.verify.refine import NotSenderReceiver

__all__ = ["CONCEPT", "solve_pbe"]

#: The solution concept, in one paragraph (the package docstring has the details).
CONCEPT = (
    "perfect Bayesian equilibrium in assessment form (Fudenberg & Tirole 1991, s. 8.2; "
    "Osborne & Rubinstein 1994, s. 12.2; Mas-Colell et al. 1995, 9.C): every action played "
    "is optimal at its information set given the belief there and the behaviour below; "
    "beliefs follow Bayes' rule wherever the set is reached -- from the start of each block "
    "of the decomposition, i.e. also after a publicly observed deviation, from the belief "
    "held when the move was made (the prior and the others' strategies), and in every "
    "proper subgame from its root; beliefs are free only at sets that no play from the "
    "block's start reaches"
)


def _sort_key(e: Entry) -> tuple[int, int]:
    return (not e.pure_completion, not e.pure)


def solve_pbe(
    game: Game | pygambit.Game,
    *,
    max_profiles: int = 50_000,
    max_combinations: int = 100_000,
    max_paths: int = 10_000,
    mixed: bool = True,
    max_strategic: int = 2_500,
    max_enumpoly: int = 256,
    max_mixed_selections: int = 16,
    enumpoly_timeout: float = 10.0,
    refinements: bool = True,
) -> PBEResult:
    """Every pure perfect Bayesian equilibrium of ``game``, exactly, by path.

    Parameters
    ----------
    game : gametrees.tree.Game or pygambit.Game
        A finite extensive-form game with perfect recall (a pygambit game is converted
        with :func:`gametrees.gambit.from_pygambit`).
    max_profiles : int
        Refuse (:class:`TooLarge`, before any solving) when some block has more pure
        profiles than this after backward-induction pruning. Also bounds the pure
        completions tried for a mixed profile.
    max_combinations : int
        Refuse when the off-path continuations constrained jointly by one profile have more
        joint choices of continuation equilibria than this.
    max_paths : int
        Refuse when one block has more pure equilibria than this.
    mixed : bool
        Also seek mixed continuation equilibria with Gambit (used as off-path punishments
        and listed in :attr:`PBEResult.mixed` for the root block).
    max_strategic : int
        Largest reduced strategic form (cells) of a two-player block given to ``enummixed``.
    max_enumpoly : int
        Largest number of pure agent profiles of a block with three or more players given
        to ``enumpoly``.
    max_mixed_selections : int
        Largest number of choices of child equilibria for which a block is solved for
        mixed equilibria.
    enumpoly_timeout : float
        Seconds after which ``enumpoly`` (run in a child process) is stopped: Gambit
        16.7's enumpoly does not terminate on some degenerate games. Only the mixed
        equilibria of blocks with three or more players depend on it.
    refinements : bool
        Compute the intuitive criterion and D1 (:mod:`gametrees.verify.refine`).

    Returns
    -------
    PBEResult

    Raises
    ------
    ImperfectRecall, NotATree, TooLarge
        Refusals, each a :class:`PBERefusal` (a ``ValueError``) with the reason.

    Notes
    -----
    The concept is :data:`CONCEPT` (Fudenberg & Tirole 1991, *Game Theory*, s. 8.2;
    Osborne & Rubinstein 1994, *A Course in Game Theory*, s. 12.2; Mas-Colell, Whinston &
    Green 1995, *Microeconomic Theory*, 9.C). Exact rational arithmetic throughout.
    """
    if isinstance(game, pygambit.Game):
        if not game.is_tree:
            raise NotATree(
                "the game is given in strategic form, not as a tree: perfect Bayesian "
                "equilibrium needs an extensive-form game"
            )
        game = from_pygambit(game)
    limits = Limits(
        max_profiles=max_profiles,
        max_combinations=max_combinations,
        max_paths=max_paths,
        mixed=mixed,
        max_strategic=max_strategic,
        max_enumpoly=max_enumpoly,
        max_mixed_selections=max_mixed_selections,
        enumpoly_timeout=enumpoly_timeout,
    )
    ctx = Context(game, limits)
    ix = ctx.ix
    outcomes: dict[int, MixedOutcome] = {}
    entries: dict[int, list[Entry]] = {}
    for b in reversed(ctx.blocks):
        if any(not ctx.options.get(x) for x in b.exits):
            ctx.block_allowed[b.index] = {s: list(ctx.allowed[s]) for s in b.sets}
            entries[b.index] = []
            outcomes[b.index] = MixedOutcome(
                [], "none", "a continuation below has no equilibrium found", False, True
            )
        else:
            ctx.prune_block(b)
            pure = solve_pure(ctx, b)
            if mixed:
                out = solve_mixed(ctx, b)
            else:
                out = MixedOutcome([], "none", "not requested (mixed=False)", False, True)
            outcomes[b.index] = out
            entries[b.index] = sorted(pure, key=_sort_key) + out.entries
        if b.parent_exit is not None:
            ctx.options[b.parent_exit] = entries[b.index]
    asm = Assembler(ctx)

    def verdicts(e: Entry) -> dict:
        return asm.verdicts(e) if refinements else {}

    paths = []
    for k, e in enumerate(x for x in entries[0] if x.pure):
        first = next(asm.assessments(e))
        paths.append(
            PBEPath(
                index=k,
                assessment=first,
                path_pure=e.path_pure,
                pure=e.pure_completion,
                on_path_blocks_pure=e.blocks_pure,
                off_path=tuple(asm.off_path(e)),
                refinements=verdicts(e),
                count=asm.count(e),
                _enumerate=lambda e=e: asm.assessments(e),
            )
        )
    root_mixed = [e for e in entries[0] if not e.pure]
    ro = outcomes[0]
    mixed_result = MixedResult(
        method=ro.method,
        exact=ro.exact,
        complete=ro.complete,
        reason=ro.note,
        equilibria=tuple((next(asm.assessments(e)), verdicts(e)) for e in root_mixed),
    )
    incomplete_mixed = [
        ctx.blocks[i].start for i, o in sorted(outcomes.items()) if not o.complete and i != 0
    ]
    reason = (
        "every pure profile of every block was checked (after removing only actions that no "
        "sequentially rational assessment plays), against every combination of the blocks' "
        "pure continuation equilibria: the pure PBE are all listed. Paths that need a mixed "
        "punishment off the path are listed as far as the mixed continuation equilibria "
        "found allow (Gambit's extreme equilibria that are sequentially rational; "
        "non-extreme ones are not sought)"
    )
    if incomplete_mixed:
        reason += (
            f"; mixed equilibria were not (fully) sought in {len(incomplete_mixed)} "
            f"continuation(s), e.g. {incomplete_mixed[0]}"
        )
    summaries = []
    for b in ctx.blocks:
        sr = asm.sender_receiver(b.index) if refinements else NotSenderReceiver("not computed")
        es = entries[b.index]
        summaries.append(
            BlockSummary(
                index=b.index,
                start=b.start,
                roots=tuple(ix.name(r) for r in b.roots),
                start_belief=tuple(b.nu),
                players=tuple(ix.players[p] for p in b.players(ix)),
                infosets=tuple(ix.set_name[s] for s in b.sets),
                pure_profiles=ctx.profiles[b.index],
                pure_equilibria=sum(1 for e in es if e.pure),
                mixed_equilibria=sum(1 for e in es if not e.pure),
                mixed_method=outcomes[b.index].method,
                mixed_note=outcomes[b.index].note,
                sender_receiver=sr.reason if isinstance(sr, NotSenderReceiver) else None,
            )
        )
    params: dict[str, Any] = {
        "max_profiles": max_profiles,
        "max_combinations": max_combinations,
        "max_paths": max_paths,
        "mixed": mixed,
        "max_strategic": max_strategic,
        "max_enumpoly": max_enumpoly,
        "max_mixed_selections": max_mixed_selections,
        "enumpoly_timeout": enumpoly_timeout,
        "refinements": refinements,
    }
    return PBEResult(
        method="gametrees.verify.pbe (block decomposition, exact enumeration"
        + (", Gambit enummixed/enumpoly for mixed continuations)" if mixed else ")"),
        exact=True,
        concept=CONCEPT,
        parameters=params,
        equilibria=tuple(paths),
        complete=True,
        complete_reason=reason,
        mixed=mixed_result,
        blocks=tuple(summaries),
        players=tuple(game.players),
        infoset_keys={ix.set_name[s]: ix.set_key[s] for s in range(len(ix.set_name))},
    )
