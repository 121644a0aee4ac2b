"""Exact linear programming over belief simplices, in ``Fraction`` arithmetic.

Every belief question the PBE solver asks has the same shape: the set

    P(G) = { mu in R^k : mu >= 0, sum(mu) = 1, g . mu >= 0 for every row g of G }

of beliefs over the ``k`` member nodes of an information set under which the actions
played are optimal (each row is the mover's gain of a played action over another action,
node by node). This module decides whether ``P(G)`` is empty, minimises a linear function
over it, and describes it exactly: an interval for ``k = 2``, its vertices for small ``k``,
else its inequalities. A two-phase simplex method with Bland's rule (Chvatal 1983,
*Linear Programming*, ch. 3) keeps every number an exact rational; no floats anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations
from math import comb

__all__ = [
    "LPResult",
    "feasible_rows",
    "lp_min",
    "minimize_on_simplex",
    "nonnegative_interval",
    "simplex_point",
    "simplex_vertices",
]

Vec = tuple[Fraction, ...]
ZERO = Fraction(0)
ONE = Fraction(1)


class LPResult:
    """An optimum of :func:`lp_min`: ``value`` and a minimising ``x``."""

    __slots__ = ("value", "x")

    def __init__(self, value: Fraction, x: Vec) -> None:
        self.value = value
        self.x = x


def _pivot(tab: list[list[Fraction]], r: int, c: int) -> None:
    row = tab[r]
    p = row[c]
    if p != 1:
        tab[r] = row = [v / p for v in row]
    for i, other in enumerate(tab):
        if i != r:
            f = other[c]
            if f:
                tab[i] = [a - f * b for a, b in zip(other, row, strict=True)]


def _run(tab: list[list[Fraction]], basis: list[int], allowed: int) -> bool:
    """Simplex iterations on ``tab`` (last row: reduced costs, last column: right-hand
    side) with Bland's rule over the first ``allowed`` columns. False if unbounded."""
    m = len(basis)
    while True:
        cost = tab[m]
        enter = next((j for j in range(allowed) if cost[j] < 0), None)
        if enter is None:
            return True
        best: tuple[Fraction, int, int] | None = None
        for i in range(m):
            a = tab[i][enter]
            if a > 0:
                key = (tab[i][-1] / a, basis[i], i)
                if best is None or key < best:
                    best = key
        if best is None:
            return False
        _pivot(tab, best[2], enter)
        basis[best[2]] = enter


def lp_min(
    c: Sequence[Fraction], a_eq: Sequence[Sequence[Fraction]], b_eq: Sequence[Fraction]
) -> LPResult | None:
    """``min c.x`` subject to ``a_eq x = b_eq``, ``x >= 0``; ``None`` if infeasible.

    Raises ``ValueError`` if the problem is unbounded (never the case for beliefs).
    """
    n = len(c)
    rows = []
    for row, b in zip(a_eq, b_eq, strict=True):
        row = [Fraction(v) for v in row]
        b = Fraction(b)
        if b < 0:
            row, b = [-v for v in row], -b
        rows.append((row, b))
    m = len(rows)
    # phase 1: artificials n .. n+m-1
    tab = [
        row + [ONE if j == i else ZERO for j in range(m)] + [b] for i, (row, b) in enumerate(rows)
    ]
    cost = [-sum((tab[i][j] for i in range(m)), ZERO) for j in range(n)] + [ZERO] * m
    cost.append(-sum((tab[i][-1] for i in range(m)), ZERO))
    tab.append(cost)
    basis = [n + i for i in range(m)]
    _run(tab, basis, n + m)
    if tab[m][-1] != 0:
        return None
    # drive artificials out of the basis; drop redundant rows
    i = 0
    while i < len(basis):
        if basis[i] >= n:
            col = next((j for j in range(n) if tab[i][j] != 0), None)
            if col is None:
                del tab[i]
                del basis[i]
                continue
            _pivot(tab, i, col)
            basis[i] = col
        i += 1
    m = len(basis)
    tab = [row[:n] + [row[-1]] for row in tab[:m]]
    cost = [Fraction(v) for v in c] + [ZERO]
    for i, j in enumerate(basis):
        f = cost[j]
        if f:
            cost = [a - f * b for a, b in zip(cost, tab[i], strict=True)]
    tab.append(cost)
    if not _run(tab, basis, n):
        raise ValueError("unbounded linear program")
    x = [ZERO] * n
    for i, j in enumerate(basis):
        x[j] = tab[i][-1]
    return LPResult(-tab[m][-1], tuple(x))


def _standard_form(
    rows: Sequence[Sequence[Fraction]], k: int
) -> tuple[list[list[Fraction]], list[Fraction]]:
    """``g . mu - s_g = 0`` for every row, ``sum(mu) = 1``; variables ``(mu, s)``."""
    m = len(rows)
    a = []
    for r, g in enumerate(rows):
        a.append([Fraction(v) for v in g] + [-ONE if j == r else ZERO for j in range(m)])
    a.append([ONE] * k + [ZERO] * m)
    return a, [ZERO] * m + [ONE]


def nonnegative_interval(
    rows: Sequence[Sequence[Fraction]],
) -> tuple[Fraction, Fraction] | None:
    """For ``k = 2``: the beliefs ``t`` of the first member (the second has ``1 - t``) with
    ``g0*t + g1*(1-t) >= 0`` for every row ``(g0, g1)``, as a closed interval, or ``None``."""
    lo, hi = ZERO, ONE
    for g0, g1 in rows:
        a, b = Fraction(g1), Fraction(g0) - Fraction(g1)  # a + b t >= 0
        if b > 0:
            lo = max(lo, -a / b)
        elif b < 0:
            hi = min(hi, -a / b)
        elif a < 0:
            return None
        if lo > hi:
            return None
    return lo, hi


def simplex_point(rows: Sequence[Sequence[Fraction]], k: int) -> Vec | None:
    """A point of ``P(rows)`` (see the module docstring), or ``None`` if it is empty."""
    if k == 1:
        return (ONE,) if all(Fraction(g[0]) >= 0 for g in rows) else None
    if k == 2:
        iv = nonnegative_interval(rows)
        if iv is None:
            return None
        t = (iv[0] + iv[1]) / 2
        return (t, 1 - t)
    if not rows:
        return tuple(Fraction(1, k) for _ in range(k))
    a, b = _standard_form(rows, k)
    res = lp_min([ZERO] * (k + len(rows)), a, b)
    return None if res is None else res.x[:k]


def feasible_rows(rows: Sequence[Sequence[Fraction]], k: int) -> bool:
    """Is ``P(rows)`` non-empty: some belief over ``k`` members with ``g . mu >= 0``?"""
    if k == 1:
        return all(Fraction(g[0]) >= 0 for g in rows)
    if k == 2:
        return nonnegative_interval(rows) is not None
    return simplex_point(rows, k) is not None


def minimize_on_simplex(
    rows: Sequence[Sequence[Fraction]], objective: Sequence[Fraction]
) -> Fraction | None:
    """``min objective . mu`` over ``P(rows)``; ``None`` if it is empty."""
    k = len(objective)
    a, b = _standard_form(rows, k)
    res = lp_min([Fraction(v) for v in objective] + [ZERO] * len(rows), a, b)
    return None if res is None else res.value


def _solve(mat: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system, or ``None`` if it is singular."""
    n = len(mat)
    aug = [row[:] + [r] for row, r in zip(mat, rhs, strict=True)]
    for col in range(n):
        piv = next((r for r in range(col, n) if aug[r][col] != 0), None)
        if piv is None:
            return None
        aug[col], aug[piv] = aug[piv], aug[col]
        p = aug[col][col]
        aug[col] = [v / p for v in aug[col]]
        for r in range(n):
            if r != col and aug[r][col] != 0:
                f = aug[r][col]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[col], strict=True)]
    return [aug[r][n] for r in range(n)]


def simplex_vertices(
    rows: Sequence[Sequence[Fraction]], k: int, cap: int = 20_000
) -> tuple[Vec, ...] | None:
    """The vertices of ``P(rows)``, sorted, or ``None`` when more than ``cap`` candidate
    bases would have to be tried (the caller then describes the set by its inequalities).

    A vertex makes ``k - 1`` linearly independent inequalities tight (the inequalities
    are ``mu_j >= 0`` and the rows), besides ``sum(mu) = 1``; every such choice is tried.
    An empty set has no vertices: ``()``.
    """
    ineqs = [tuple(ONE if j == i else ZERO for j in range(k)) for i in range(k)]
    ineqs += [tuple(Fraction(v) for v in g) for g in rows]

    if comb(len(ineqs), k - 1) > cap:
        return None
    found: set[Vec] = set()
    for tight in combinations(range(len(ineqs)), k - 1):
        mat = [[ONE] * k] + [list(ineqs[t]) for t in tight]
        sol = _solve(mat, [ONE] + [ZERO] * (k - 1))
        if sol is None:
            continue
        if all(sum((g[j] * sol[j] for j in range(k)), ZERO) >= 0 for g in ineqs):
            found.add(tuple(sol))
    return tuple(sorted(found))
