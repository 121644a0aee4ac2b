"""Shared, solver-independent helpers for the PBE tests.

* :func:`brute_force_pure` checks every pure profile of a small game: Bayes' rule where it
  applies (from the start of each block the caller names), and otherwise a search for a
  supporting belief among the vertices of the belief polytope, written here from scratch
  (every vertex makes ``k - 1`` inequalities tight); the result is certified with
  :func:`gametrees.verify.certify.certify_sequential`.
* :func:`perfect_recall_games` is a hypothesis strategy of small random trees with perfect
  recall by construction (a node may only join an information set whose nodes show its
  player the same own history).

The helpers are exposed as session fixtures (``--import-mode=importlib`` gives test files
no shared import path).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction as F
from itertools import combinations, product

import pytest
from hypothesis import strategies as st

from gametrees.tree import Chance, Decision, Game, Terminal, infosets, iter_nodes
from gametrees.verify.certify import certify_sequential

Path = tuple[str, ...]


def _solve(mat, rhs):
    n = len(mat)
    aug = [list(r) + [b] for r, b in zip(mat, rhs, strict=True)]
    for c in range(n):
        p = next((r for r in range(c, n) if aug[r][c] != 0), None)
        if p is None:
            return None
        aug[c], aug[p] = aug[p], aug[c]
        aug[c] = [v / aug[c][c] for v in aug[c]]
        for r in range(n):
            if r != c and aug[r][c]:
                f = aug[r][c]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[c], strict=True)]
    return [aug[r][n] for r in range(n)]


def belief_vertices(rows: Sequence[Sequence[F]], k: int) -> list[tuple[F, ...]]:
    """Vertices of {mu in simplex_k : g . mu >= 0 for each row g} (brute force)."""
    ineqs = [tuple(F(int(i == j)) for j in range(k)) for i in range(k)] + [tuple(g) for g in rows]
    out = set()
    for tight in combinations(ineqs, k - 1):
        sol = _solve([[F(1)] * k, *tight], [F(1)] + [F(0)] * (k - 1))
        if sol is not None and all(sum(g[j] * sol[j] for j in range(k)) >= 0 for g in ineqs):
            out.add(tuple(sol))
    return sorted(out)


def _values(game: Game, behavior) -> dict[Path, tuple[F, ...]]:
    """Continuation value of every node under ``behavior`` (recursive, small games)."""
    out: dict[Path, tuple[F, ...]] = {}
    nodes = list(iter_nodes(game))
    n = len(game.players)
    for path, node in reversed(nodes):
        if isinstance(node, Terminal):
            out[path] = tuple(F(v) for v in node.payoffs)
            continue
        probs = (
            node.probs
            if isinstance(node, Chance)
            else [behavior[node.infoset][a] for a in node.actions]
        )
        acc = [F(0)] * n
        for a, p in zip(node.actions, probs, strict=True):
            for j in range(n):
                acc[j] += p * out[(*path, a)][j]
        out[path] = tuple(acc)
    return out


def _reach_from(game: Game, behavior, roots: dict[Path, F]) -> dict[Path, F]:
    reach: dict[Path, F] = {}
    for path, node in iter_nodes(game):
        if path in roots:
            reach[path] = roots[path]
        if path not in reach or isinstance(node, Terminal):
            continue
        probs = (
            node.probs
            if isinstance(node, Chance)
            else [behavior[node.infoset][a] for a in node.actions]
        )
        for a, p in zip(node.actions, probs, strict=True):
            child = (*path, a)
            if child not in roots:
                reach[child] = reach[path] * p
    return reach


def parse_node(name: str) -> Path:
    """``root/"a"/"b"`` -> ``("a", "b")`` (labels without ``"/"`` or quotes)."""
    parts = name.split("/")[1:]
    return tuple(p[1:-1] for p in parts)


def brute_force_pure(
    game: Game, blocks: Sequence[tuple[Sequence[Path], Sequence[F]]] | None = None
) -> dict[tuple, dict[str, list[F]]]:
    """Every pure profile that is a PBE: profile (tuple of (set, action)) -> one belief per set.

    ``blocks``: (root paths, start belief) of each block; beliefs at sets reached from a
    block's start are Bayes from it (default: one block at the root, i.e. weak PBE).
    """
    sets = infosets(game)
    names = [name for (_, name) in sets]
    actions = [members[0][1].actions for members in sets.values()]
    members = {name: [p for p, _ in ms] for (_, name), ms in sets.items()}
    mover = {name: game.players.index(pl) for (pl, name) in sets}
    blocks = blocks or [([()], [F(1)])]
    out = {}
    for combo in product(*actions):
        beh = {
            n: {a: F(int(a == c)) for a in acts}
            for n, acts, c in zip(names, actions, combo, strict=True)
        }
        val = _values(game, beh)
        bayes: dict[str, list[F]] = {}
        for roots, nu in blocks:
            reach = _reach_from(game, beh, dict(zip(roots, nu, strict=True)))
            for n in names:
                tot = sum(reach.get(m, F(0)) for m in members[n])
                if tot > 0 and all(m in reach for m in members[n]):
                    bayes[n] = [reach.get(m, F(0)) / tot for m in members[n]]
        beliefs = {}
        ok = True
        for n, c in zip(names, combo, strict=True):
            i = mover[n]
            rows = [
                [val[(*m, c)][i] - val[(*m, a)][i] for m in members[n]] for a in beh[n] if a != c
            ]
            if n in bayes:
                mu = bayes[n]
                if any(sum(w * g[j] for j, w in enumerate(mu)) < 0 for g in rows):
                    ok = False
                    break
            else:
                verts = belief_vertices(rows, len(members[n]))
                if not verts:
                    ok = False
                    break
                mu = list(verts[0])
            beliefs[n] = mu
        if ok:
            assert certify_sequential(game, beh, beliefs) == []
            out[tuple(zip(names, combo, strict=True))] = beliefs
    return out


def profile_key(behavior) -> tuple:
    """A pure behaviour as the tuple brute_force_pure uses."""
    return tuple((n, next(a for a, p in probs.items() if p == 1)) for n, probs in behavior.items())


def block_bayes_violations(result, game: Game, assessment) -> list[str]:
    """Sets reached from the start of their block whose belief is not Bayes' rule from it."""
    bad = []
    sets = infosets(game)
    members = {name: [p for p, _ in ms] for (_, name), ms in sets.items()}
    for b in result.blocks:
        roots = {parse_node(r): w for r, w in zip(b.roots, b.start_belief, strict=True)}
        reach = _reach_from(game, assessment.behavior, roots)
        for n in b.infosets:
            tot = sum(reach.get(m, F(0)) for m in members[n])
            if tot > 0:
                bayes = tuple(reach.get(m, F(0)) / tot for m in members[n])
                got = assessment.beliefs[n]
                if got.kind != "point" or got.point != bayes:
                    bad.append(f"{n}: {got} is not Bayes {bayes} from block {b.index}")
    return bad


# --------------------------------------------------------------------------- random games


@st.composite
def perfect_recall_games(draw, max_depth: int = 3, players: int = 2):
    """A small random game with perfect recall (by construction), rational payoffs."""
    names = tuple(f"P{i + 1}" for i in range(players))
    sets: dict[str, tuple[int, tuple, int]] = {}  # name -> (player, own history, #actions)
    counter = [0]

    def build(depth: int, hist: dict[int, tuple]) -> object:
        if depth >= max_depth:
            kind = "t"
        else:
            kind = draw(st.sampled_from(["d", "c"] if depth == 0 else ["d", "d", "d", "c", "t"]))
        if kind == "t":
            return Terminal(tuple(F(draw(st.integers(0, 3))) for _ in names))
        if kind == "c":
            p = F(draw(st.sampled_from([1, 1, 2])), 3)
            return Chance(
                ("c1", "c2"),
                (p, 1 - p),
                (build(depth + 1, hist), build(depth + 1, hist)),
            )
        # join an information set whose player has seen the same own moves (perfect
        # recall), most of the time when one exists; else open a new set
        joinable = [n for n, (q, h, _) in sets.items() if h == hist.get(q, ())]
        if joinable and draw(st.integers(0, 3)) > 0:
            choice = draw(st.sampled_from(joinable))
            pl = sets[choice][0]
        else:
            pl = draw(st.integers(0, players - 1))
            counter[0] += 1
            choice = f"s{counter[0]}"
            sets[choice] = (pl, hist.get(pl, ()), 2)
        own = sets[choice][1]
        kids = []
        for a in ("a", "b"):
            h2 = dict(hist)
            h2[pl] = (*own, (choice, a))
            kids.append(build(depth + 1, h2))
        return Decision(names[pl], choice, ("a", "b"), tuple(kids))

    return Game(names, build(0, {}))


@pytest.fixture(scope="session")
def brute():
    return brute_force_pure


@pytest.fixture(scope="session")
def key_of():
    return profile_key


@pytest.fixture(scope="session")
def block_bayes():
    return block_bayes_violations


@pytest.fixture(scope="session")
def vertices():
    return belief_vertices


@pytest.fixture(scope="session")
def parse():
    return parse_node


@pytest.fixture(scope="session")
def games():
    """``games(max_depth, players)``: the :func:`perfect_recall_games` strategy."""
    return lambda depth, players: perfect_recall_games(max_depth=depth, players=players)
