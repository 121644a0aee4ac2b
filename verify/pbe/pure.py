"""All pure equilibria of one block, given the equilibria of its child blocks.

For every pure profile of the block's information sets (after pruning) the values of
every node are kept as exact linear forms in the (unknown) values of the exits, so that
one pass serves every choice of child equilibria. The exits reached from the block's
start take every combination of their child entries (grouped by value); the constraints
of sequential rationality then involve only unreached exits, and fall into independent
components (exits that appear together in some constraint). Each component's joint
choices are enumerated and kept when every constraint holds:

* at a set reached from the block's start, with Bayes' belief ``mu``: for every other
  action ``b``, ``sum_m mu(m) [V(m, a*) - V(m, b)] >= 0`` for the mover;
* at an unreached set: some belief makes the played action optimal -- an exact
  feasibility problem (:mod:`gametrees.verify.lp`) whose solutions are the set's
  belief polytope.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from gametrees.verify.lp import feasible_rows
from gametrees.verify.pbe.core import (
    Component,
    Context,
    EdgeKey,
    Entry,
    Group,
)
from gametrees.verify.pbe.result import TooLarge
from gametrees.verify.pbe.structure import Block

__all__ = ["solve_pure"]

ZERO = Fraction(0)
ONE = Fraction(1)
Vec = tuple[Fraction, ...]
Form = tuple[Vec, dict[EdgeKey, Fraction]]  # value vector = const + sum coef * exit value
Scalar = tuple[Fraction, dict[EdgeKey, Fraction]]


def _scale_add(acc: list, var: dict, p: Fraction, form: Form) -> None:
    const, v = form
    for j, c in enumerate(const):
        acc[j] += p * c
    for key, coef in v.items():
        var[key] = var.get(key, ZERO) + p * coef


def _diff(a: Form, b: Form, pl: int) -> Scalar:
    var = dict(a[1])
    for key, coef in b[1].items():
        var[key] = var.get(key, ZERO) - coef
    return a[0][pl] - b[0][pl], {k: v for k, v in var.items() if v}


def _sub(s: Scalar, vals: dict[int, tuple[Vec, ...]], pl: int) -> Scalar:
    c, var = s
    rest = {}
    for (x, k), coef in var.items():
        v = vals.get(x)
        if v is None:
            rest[(x, k)] = coef
        else:
            c += coef * v[k][pl]
    return c, rest


def _eval(s: Scalar, vals: dict[int, tuple[Vec, ...]], pl: int) -> Fraction:
    c, var = s
    for (x, k), coef in var.items():
        c += coef * vals[x][k][pl]
    return c


class _Con:
    """A constraint: ``kind`` ``"r"`` (reached: ``expr >= 0``) or ``"u"`` (unreached:
    some belief over the members satisfies every row)."""

    __slots__ = ("kind", "pl", "set", "expr", "rows")

    def __init__(self, kind: str, pl: int, s: int, expr: Scalar | None, rows: list | None):
        self.kind = kind
        self.pl = pl
        self.set = s
        self.expr = expr
        self.rows = rows

    def exits(self) -> set[int]:
        if self.kind == "r":
            return {x for x, _ in self.expr[1]}  # type: ignore[index]
        return {x for row in self.rows for _, var in row for x, _ in var}  # type: ignore[union-attr]


def solve_pure(ctx: Context, b: Block) -> list[Entry]:
    """Every pure equilibrium of block ``b`` (its children must be solved)."""
    ix = ctx.ix
    npl = len(ix.players)
    allowed = ctx.block_allowed[b.index]
    groups: dict[int, list[Group]] = {x: ctx.groups(x) for x in b.exits}
    if any(not groups[x] for x in b.exits):
        return []
    zero_vec = (ZERO,) * npl
    out: list[Entry] = []
    sets = b.sets
    for combo in product(*(allowed[s] for s in sets)):
        sigma = dict(zip(sets, combo, strict=True))
        # reach from the block's start
        reach: dict[int, Fraction] = {r: b.nu[k] for k, r in enumerate(b.roots)}
        on_exits: set[int] = set()
        for i in b.nodes:
            kind = ix.kind[i]
            if kind == "t":
                continue
            here = reach.get(i, ZERO)
            for a, c in enumerate(ix.children[i]):
                if kind == "c":
                    r = here * ix.probs[i][a]
                else:
                    r = here if a == sigma[ix.iset[i]] else ZERO
                if (i, a) in b.slot:
                    if r > 0:
                        on_exits.add(b.slot[(i, a)])
                else:
                    reach[c] = r
        # value forms, bottom-up
        form: dict[int, Form] = {}

        def slot_form(i: int, a: int, form: dict[int, Form] = form) -> Form:
            key = ctx.edge.get((i, a)) if (i, a) in b.slot else None
            if key is not None:
                return zero_vec, {key: ONE}
            return form[ix.children[i][a]]

        for i in reversed(b.nodes):
            kind = ix.kind[i]
            if kind == "t":
                form[i] = (ix.payoffs[i], {})
            elif kind == "d":
                form[i] = slot_form(i, sigma[ix.iset[i]])
            else:
                acc = [ZERO] * npl
                var: dict[EdgeKey, Fraction] = {}
                for a, p in enumerate(ix.probs[i]):
                    if p:
                        _scale_add(acc, var, p, slot_form(i, a))
                form[i] = (tuple(acc), var)
        # constraints, symbolic in the exits' values
        cons: list[_Con] = []
        bayes: dict[int, Vec] = {}
        for s in sets:
            pl = ix.set_player[s]
            members = ix.members[s]
            a_star = sigma[s]
            tot = sum((reach.get(m, ZERO) for m in members), ZERO)
            mu = tuple(reach.get(m, ZERO) / tot for m in members) if tot > 0 else None
            if mu is not None:
                bayes[s] = mu
            devs = [a for a in allowed[s] if a != a_star]
            if not devs:
                continue
            diffs = {
                (m, d): _diff(slot_form(m, a_star), slot_form(m, d), pl)
                for m in members
                for d in devs
            }
            if mu is not None:
                for d in devs:
                    c = ZERO
                    var = {}
                    for w, m in zip(mu, members, strict=True):
                        if w:
                            dc, dv = diffs[(m, d)]
                            c += w * dc
                            for key, coef in dv.items():
                                var[key] = var.get(key, ZERO) + w * coef
                    cons.append(_Con("r", pl, s, (c, {k: v for k, v in var.items() if v}), None))
            else:
                cons.append(
                    _Con("u", pl, s, None, [[diffs[(m, d)] for m in members] for d in devs])
                )
        on_list = sorted(on_exits)
        for sel in product(*(range(len(groups[x])) for x in on_list)):
            vals = {x: groups[x][g].values for x, g in zip(on_list, sel, strict=True)}
            found = _combine(ctx, b, cons, vals, groups)
            if found is None:
                continue
            fixed_rows, components = found
            in_comp = {x for comp in components for x in comp.exits}
            free = [(x, ctx.options[x]) for x in b.exits if x not in on_exits and x not in in_comp]
            values = tuple(
                tuple(
                    form[r][0][j]
                    + sum((coef * vals[x][k][j] for (x, k), coef in form[r][1].items()), ZERO)
                    for j in range(npl)
                )
                for r in b.roots
            )
            behavior = {
                s: tuple(ONE if a == sigma[s] else ZERO for a in range(len(ix.set_actions[s])))
                for s in sets
            }
            for chosen in product(
                *(groups[x][g].entries for x, g in zip(on_list, sel, strict=True))
            ):
                out.append(
                    Entry(
                        block=b.index,
                        behavior=behavior,
                        pure=True,
                        on_path=dict(zip(on_list, chosen, strict=True)),
                        components=components,
                        free=free,
                        fixed={},
                        values=values,
                        bayes=bayes,
                        rows=fixed_rows,
                        origin="enumeration",
                    ).finish()
                )
                if len(out) > ctx.limits.max_paths:
                    raise TooLarge(
                        f"the number of pure equilibria of the continuation that starts at {b.start}",
                        len(out),
                        ctx.limits.max_paths,
                        "max_paths",
                    )
    return out


def _combine(
    ctx: Context,
    b: Block,
    cons: list[_Con],
    vals: dict[int, tuple[Vec, ...]],
    groups: dict[int, list[Group]],
) -> tuple[dict[int, list[list[Fraction]]], list[Component]] | None:
    """Check the constraints with the reached exits' values ``vals``; ``None`` if they
    fail, else the belief rows that are fixed and the components of unreached exits."""
    ix = ctx.ix
    fixed_rows: dict[int, list[list[Fraction]]] = {}
    pending: list[_Con] = []
    for con in cons:
        if con.kind == "r":
            c, var = _sub(con.expr, vals, con.pl)  # type: ignore[arg-type]
            if not var:
                if c < 0:
                    return None
                continue
            pending.append(_Con("r", con.pl, con.set, (c, var), None))
        else:
            rows = [[_sub(e, vals, con.pl) for e in row] for row in con.rows]  # type: ignore[union-attr]
            if all(not var for row in rows for _, var in row):
                const = [[c for c, _ in row] for row in rows]
                if not feasible_rows(const, len(ix.members[con.set])):
                    return None
                fixed_rows[con.set] = const
                continue
            pending.append(_Con("u", con.pl, con.set, None, rows))
    # components: exits that appear together in some constraint
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    con_exits = [con.exits() for con in pending]
    for xs in con_exits:
        xs = sorted(xs)
        for x in xs[1:]:
            parent[find(x)] = find(xs[0])
        if xs:
            find(xs[0])
    by_root: dict[int, list[int]] = {}
    for j, xs in enumerate(con_exits):
        by_root.setdefault(find(min(xs)), []).append(j)
    components: list[Component] = []
    for _, idx in sorted(by_root.items()):
        exits = sorted({x for j in idx for x in con_exits[j]})
        size = 1
        for x in exits:
            size *= len(groups[x])
        if size > ctx.limits.max_combinations:
            raise TooLarge(
                f"the number of joint choices of {len(exits)} off-path continuations constrained "
                f"together in the continuation that starts at {b.start}",
                size,
                ctx.limits.max_combinations,
                "max_combinations",
            )
        scored: list[tuple[tuple[bool, Fraction], tuple[int, ...], dict]] = []
        for assign in product(*(range(len(groups[x])) for x in exits)):
            v2 = {x: groups[x][g].values for x, g in zip(exits, assign, strict=True)}
            slack = ZERO
            rows_by_set: dict[int, list[list[Fraction]]] = {}
            ok = True
            for j in idx:
                con = pending[j]
                if con.kind == "r":
                    val = _eval(con.expr, v2, con.pl)  # type: ignore[arg-type]
                    if val < 0:
                        ok = False
                        break
                    slack += val
                else:
                    rows = [[_eval(e, v2, con.pl) for e in row] for row in con.rows]  # type: ignore[union-attr]
                    if not feasible_rows(rows, len(ix.members[con.set])):
                        ok = False
                        break
                    rows_by_set[con.set] = rows
            if ok:
                pure_ok = all(groups[x][g].pure_ok for x, g in zip(exits, assign, strict=True))
                scored.append(((not pure_ok, -slack), assign, rows_by_set))
        if not scored:
            return None
        scored.sort(key=lambda t: t[0])
        components.append(
            Component(
                exits=exits,
                groups=[groups[x] for x in exits],
                assignments=[a for _, a, _ in scored],
                rows=[r for _, _, r in scored],
            )
        )
    return fixed_rows, components
