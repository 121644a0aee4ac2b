"""From block equilibria to full assessments, counts, and refinement verdicts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction
from itertools import chain, product

from gametrees.verify.certify import analyse
from gametrees.verify.lp import nonnegative_interval, simplex_point, simplex_vertices
from gametrees.verify.pbe.core import Context, Entry
from gametrees.verify.pbe.result import Assessment, BeliefSet, OffPathContinuation
from gametrees.verify.refine import (
    CRITERIA,
    CriterionVerdict,
    NotSenderReceiver,
    SenderReceiver,
    d1,
    intuitive_criterion,
    sender_receiver,
)

__all__ = ["Assembler"]

ZERO = Fraction(0)
ONE = Fraction(1)
Spec = tuple[str, object]  # ("bayes", mu) or ("rows", rows)
Part = dict[int, tuple[tuple[Fraction, ...], Spec]]
#: How many choices of the continuation values below a block a refinement tries.
VERDICT_TRIES = 64


def _lazy_product(factories: list[Callable[[], Iterator[Part]]], i: int = 0) -> Iterator[Part]:
    if i == len(factories):
        yield {}
        return
    for head in factories[i]():
        for rest in _lazy_product(factories, i + 1):
            yield {**head, **rest}


class Assembler:
    """Turns the solved blocks of a :class:`Context` into results."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._sr: dict[int, SenderReceiver | NotSenderReceiver] = {}
        self._beliefs: dict[tuple[int, tuple], BeliefSet] = {}

    # ----------------------------------------------------------------- completions

    def _comp_sets(self, e: Entry) -> set[int]:
        return {s for comp in e.components for s in (comp.rows[0] if comp.rows else {})}

    def completions(self, e: Entry) -> Iterator[Part]:
        """Every way to complete ``e`` below and off its path (lazily; the
        representative first): set -> (probabilities, belief spec)."""
        scoped = self._comp_sets(e)
        own: Part = {}
        for s, probs in e.behavior.items():
            if s in scoped:
                continue
            if s in e.bayes:
                own[s] = (probs, ("bayes", e.bayes[s]))
            else:
                own[s] = (probs, ("rows", e.rows.get(s, [])))
        factories: list[Callable[[], Iterator[Part]]] = [lambda: iter([own])]
        for _, child in sorted(e.on_path.items()):
            factories.append(lambda child=child: self.completions(child))
        for _, child in sorted(e.fixed.items()):
            factories.append(lambda child=child: self.completions(child))
        for comp in e.components:
            factories.append(lambda comp=comp: self._component(e, comp))
        for _, opts in e.free:
            factories.append(
                lambda opts=opts: chain.from_iterable(self.completions(o) for o in opts)
            )
        return _lazy_product(factories)

    def _component(self, e: Entry, comp) -> Iterator[Part]:  # type: ignore[no-untyped-def]
        for assign, rows in zip(comp.assignments, comp.rows, strict=True):
            head: Part = {s: (e.behavior[s], ("rows", r)) for s, r in rows.items()}
            factories: list[Callable[[], Iterator[Part]]] = [lambda head=head: iter([head])]
            for i, g in enumerate(assign):
                entries = comp.groups[i][g].entries
                factories.append(
                    lambda entries=entries: chain.from_iterable(
                        self.completions(o) for o in entries
                    )
                )
            yield from _lazy_product(factories)

    def count(self, e: Entry) -> int:
        """How many full completions ``e`` has (:meth:`completions` yields them)."""
        if "count" not in e.memo:
            n = 1
            for child in chain(e.on_path.values(), e.fixed.values()):
                n *= self.count(child)
            for comp in e.components:
                total = 0
                for assign in comp.assignments:
                    k = 1
                    for i, g in enumerate(assign):
                        k *= sum(self.count(o) for o in comp.groups[i][g].entries)
                    total += k
                n *= total
            for _, opts in e.free:
                n *= sum(self.count(o) for o in opts)
            e.memo["count"] = n
        return e.memo["count"]

    def belief_set(self, s: int, spec: Spec) -> BeliefSet:
        ix = self.ctx.ix
        members = tuple(ix.name(m) for m in ix.members[s])
        kind, data = spec
        if kind == "bayes":
            return BeliefSet(members, "point", point=tuple(data))  # type: ignore[arg-type]
        rows = tuple(tuple(Fraction(v) for v in g) for g in data)  # type: ignore[union-attr]
        key = (s, rows)
        if key in self._beliefs:
            return self._beliefs[key]
        k = len(members)
        if k == 1:
            out = BeliefSet(members, "point", point=(ONE,))
        elif k == 2:
            iv = nonnegative_interval(rows)
            assert iv is not None
            out = BeliefSet(members, "interval", interval=iv, halfspaces=rows)
        else:
            verts = simplex_vertices(rows, k)
            if verts is not None:
                out = BeliefSet(members, "vertices", vertices=verts, halfspaces=rows)
            else:
                out = BeliefSet(
                    members,
                    "halfspaces",
                    halfspaces=rows,
                    representative_point=simplex_point(rows, k),
                )
        self._beliefs[key] = out
        return out

    def assessment(self, part: Part) -> Assessment:
        """A full assessment from a completion."""
        ix = self.ctx.ix
        behavior = {
            ix.set_name[s]: {a: p for a, p in zip(ix.set_actions[s], probs, strict=True)}
            for s, (probs, _) in sorted(part.items())
        }
        beliefs = {
            ix.set_name[s]: self.belief_set(s, spec) for s, (_, spec) in sorted(part.items())
        }
        an = analyse(self.ctx.game, behavior)
        on_path = {ix.set_name[s]: an.set_reach(ix.set_name[s]) > 0 for s in sorted(part)}
        pure = all(sum(1 for p in probs if p > 0) == 1 for probs, _ in part.values())
        return Assessment(behavior, beliefs, on_path, an.value[()], pure)

    def assessments(self, e: Entry) -> Iterator[Assessment]:
        for part in self.completions(e):
            yield self.assessment(part)

    # ----------------------------------------------------------------- description

    def off_path(self, e: Entry) -> list[OffPathContinuation]:
        """The off-path continuations of ``e`` and of every entry on its path."""
        blocks = self.ctx.blocks
        exits = self.ctx.dec.exits
        out: list[OffPathContinuation] = []

        def name(x: int) -> str:
            return blocks[exits[x].child].start

        for comp in e.components:
            for i, x in enumerate(comp.exits):
                used: dict[int, Entry] = {}
                for assign in comp.assignments:
                    for o in comp.groups[i][assign[i]].entries:
                        used[id(o)] = o
                out.append(
                    OffPathContinuation(
                        name(x),
                        len(used),
                        sum(1 for o in used.values() if o.pure_completion),
                        tuple(name(y) for y in comp.exits if y != x),
                    )
                )
        for x, opts in e.free:
            out.append(
                OffPathContinuation(name(x), len(opts), sum(1 for o in opts if o.pure_completion))
            )
        for x, child in sorted(e.fixed.items()):
            out.append(OffPathContinuation(name(x), 1, int(child.pure_completion)))
        for _, child in sorted(e.on_path.items()):
            out.extend(self.off_path(child))
        return out

    # ----------------------------------------------------------------- refinements

    def sender_receiver(self, b: int) -> SenderReceiver | NotSenderReceiver:
        if b not in self._sr:
            blk = self.ctx.blocks[b]
            vals = {x: self.ctx.options[x][0].values for x in blk.exits if self.ctx.options.get(x)}
            if len(vals) < len(blk.exits):
                self._sr[b] = NotSenderReceiver("a continuation below has no equilibrium")
            else:
                game = self.ctx.block_game(blk, vals, pruned=False)
                self._sr[b] = sender_receiver(game)
        return self._sr[b]

    def any_sender_receiver(self) -> bool:
        return any(
            isinstance(self.sender_receiver(b.index), SenderReceiver) for b in self.ctx.blocks
        )

    def verdicts(self, e: Entry) -> dict[str, CriterionVerdict]:
        """The verdict of every criterion for the equilibrium made of ``e``."""
        if not self.any_sender_receiver():
            sr = self.sender_receiver(e.block)
            why = sr.reason if isinstance(sr, NotSenderReceiver) else ""
            return {
                c: CriterionVerdict(
                    c,
                    "not applicable",
                    f"no continuation of the game is a sender-receiver game (the game itself: {why})",
                )
                for c in CRITERIA
            }
        out = {}
        for c in CRITERIA:
            ok, why = self.survives(e, c)
            out[c] = CriterionVerdict(c, "survives" if ok else "fails", why)
        return out

    def survives(self, e: Entry, crit: str) -> tuple[bool, str]:
        """Does ``e`` survive ``crit`` with every continuation restricted to the
        continuation equilibria that survive it (recursively)?"""
        key = ("survives", crit)
        if key in e.memo:
            return e.memo[key]
        e.memo[key] = result = self._survives(e, crit)
        return result

    def _survives(self, e: Entry, crit: str) -> tuple[bool, str]:
        ctx = self.ctx
        blocks = ctx.blocks
        exits = ctx.dec.exits

        def name(x: int) -> str:
            return blocks[exits[x].child].start

        for x, child in sorted(e.on_path.items()):
            ok, why = self.survives(child, crit)
            if not ok:
                return False, f"the continuation on the path {name(x)} fails: {why}"
        for x, child in sorted(e.fixed.items()):
            ok, why = self.survives(child, crit)
            if not ok:
                return False, f"the continuation off the path {name(x)} fails: {why}"
        comp_choices: list[list[tuple[int, list[list[Entry]]]]] = []
        for comp in e.components:
            good = []
            for j, assign in enumerate(comp.assignments):
                per = [
                    [o for o in comp.groups[i][g].entries if self.survives(o, crit)[0]]
                    for i, g in enumerate(assign)
                ]
                if all(per):
                    good.append((j, per))
            if not good:
                names = ", ".join(name(x) for x in comp.exits)
                return (
                    False,
                    f"no choice of continuation equilibria {names} that survive the {crit} "
                    "keeps the behaviour above them optimal",
                )
            comp_choices.append(good)
        free_choices = []
        for x, opts in e.free:
            good_opts = [o for o in opts if self.survives(o, crit)[0]]
            if not good_opts:
                return False, f"no continuation equilibrium {name(x)} survives the {crit}"
            free_choices.append((x, good_opts))
        sr = self.sender_receiver(e.block)
        if isinstance(sr, NotSenderReceiver):
            return True, "every continuation that is a sender-receiver game survives"
        # the block itself: try choices of the values below (they enter the payoffs)
        blk = blocks[e.block]
        fixed_vals = {x: c.values for x, c in chain(e.on_path.items(), e.fixed.items())}
        options: list[list[dict[int, tuple]]] = []
        for comp, good in zip(e.components, comp_choices, strict=True):
            seen = []
            for j, _ in good:
                v = {
                    x: comp.groups[i][comp.assignments[j][i]].values
                    for i, x in enumerate(comp.exits)
                }
                if v not in seen:
                    seen.append(v)
            options.append(seen)
        for x, opts in free_choices:
            seen = []
            for o in opts:
                if {x: o.values} not in seen:
                    seen.append({x: o.values})
            options.append(seen)
        behavior = {
            ctx.ix.set_name[s]: dict(zip(ctx.ix.set_actions[s], probs, strict=True))
            for s, probs in e.behavior.items()
        }
        test = intuitive_criterion if crit == "intuitive criterion" else d1
        first_fail = ""
        total = 1
        for o in options:
            total *= len(o)
        for k, combo in enumerate(product(*options)):
            if k >= VERDICT_TRIES:
                return (
                    False,
                    f"{first_fail} (tried {VERDICT_TRIES} of {total} choices of the continuations below)",
                )
            vals = dict(fixed_vals)
            for part in combo:
                vals.update(part)
            game = ctx.block_game(blk, vals, pruned=False)
            verdict = test(game, behavior, sr)
            if verdict.status == "survives":
                return True, f"{blk.start}: {verdict.reason}"
            first_fail = first_fail or f"{blk.start}: {verdict.reason}"
        return False, first_fail
