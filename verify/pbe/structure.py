"""The structure the PBE solver works on: an indexed tree, perfect recall, public moves,
the decomposition into blocks, and backward-induction pruning.

Everything here depends on the game alone (no strategies): it runs before any
equilibrium computation, so that :func:`gametrees.verify.pbe.solve_pbe` can refuse a game
that is too large with an estimate before doing any work.

* :func:`index_game` numbers the nodes in depth-first pre-order (the order of
  :func:`gametrees.tree.iter_nodes`) and the players' information sets in order of first
  appearance (the ``.efg`` order).
* :func:`imperfect_recall` finds a violation of perfect recall (Kuhn 1953; Osborne &
  Rubinstein 1994, s. 11.1.3): two nodes of one information set whose paths show the
  set's player different sequences of its own information sets and actions. This
  includes absent-mindedness (a set met twice on one path).
* :func:`decompose` splits the tree into *blocks* (see the package docstring): a block
  starts at the root, at every publicly observed move whose starting belief is pinned by
  Nature, and at every proper subgame.
* :func:`prune` removes, at singleton information sets, the actions that are worse for
  the mover than some other action whatever is played below (exact interval bounds on
  every player's continuation value), and at larger sets the actions that another action
  beats at every member node: no sequentially rational assessment plays them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from gametrees.tree import Chance, Decision, Game, Terminal

__all__ = [
    "Block",
    "Exit",
    "Indexed",
    "decompose",
    "imperfect_recall",
    "index_game",
    "node_name",
    "prune",
    "reduced_strategies",
]

ZERO = Fraction(0)
ONE = Fraction(1)


def node_name(path: Sequence[str]) -> str:
    """``root/"a"/"b"``: the node reached by the action labels ``path``."""
    return "/".join(["root", *(f'"{a}"' for a in path)])


@dataclass
class Indexed:
    """A game with its nodes numbered in pre-order (node ``0`` is the root).

    Per node ``i``: ``kind[i]`` is ``"c"``, ``"d"`` or ``"t"``; ``player[i]`` the mover's
    index (``-1`` for chance and terminals); ``iset[i]`` its information set (``-1``
    unless a decision node); ``children[i]``, ``actions[i]``, ``probs[i]`` (chance only),
    ``payoffs[i]`` (terminals only), ``parent[i]``, ``path[i]`` (action labels from the
    root) and ``end[i]`` (the subtree of ``i`` is ``range(i, end[i])``).
    Per information set ``s``: ``set_name[s]``, ``set_player[s]``, ``members[s]``
    (pre-order), ``set_actions[s]``, ``set_key[s]`` (``"<player>/<number>"``).
    """

    game: Game
    players: tuple[str, ...]
    kind: list[str] = field(default_factory=list)
    player: list[int] = field(default_factory=list)
    iset: list[int] = field(default_factory=list)
    children: list[tuple[int, ...]] = field(default_factory=list)
    actions: list[tuple[str, ...]] = field(default_factory=list)
    probs: list[tuple[Fraction, ...]] = field(default_factory=list)
    payoffs: list[tuple[Fraction, ...]] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    path: list[tuple[str, ...]] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    set_name: list[str] = field(default_factory=list)
    set_player: list[int] = field(default_factory=list)
    members: list[list[int]] = field(default_factory=list)
    set_actions: list[tuple[str, ...]] = field(default_factory=list)
    set_key: list[str] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.kind)

    def name(self, i: int) -> str:
        return node_name(self.path[i])

    def move_name(self, s: int, a: int) -> str:
        """``P/2 "ally"``: information set ``s`` by key and the action's label."""
        return f'{self.set_key[s]} "{self.set_actions[s][a]}"'


def index_game(game: Game) -> Indexed:
    """Number the nodes of ``game`` in pre-order and its information sets by first appearance."""
    ix = Indexed(game, tuple(game.players))
    pindex = {p: i for i, p in enumerate(game.players)}
    set_ids: dict[str, int] = {}
    per_player: dict[int, int] = {}
    # iterative pre-order; children ids are filled in when each child is created
    stack: list[tuple[object, int, tuple[str, ...]]] = [(game.root, -1, ())]
    child_lists: list[list[int]] = []
    while stack:
        node, parent, path = stack.pop()
        i = len(ix.kind)
        ix.parent.append(parent)
        ix.path.append(path)
        ix.end.append(0)
        child_lists.append([])
        if parent >= 0:
            child_lists[parent].append(i)
        if isinstance(node, Terminal):
            ix.kind.append("t")
            ix.player.append(-1)
            ix.iset.append(-1)
            ix.actions.append(())
            ix.probs.append(())
            ix.payoffs.append(tuple(Fraction(v) for v in node.payoffs))
            continue
        ix.actions.append(tuple(node.actions))
        ix.payoffs.append(())
        if isinstance(node, Chance):
            ix.kind.append("c")
            ix.player.append(-1)
            ix.iset.append(-1)
            ix.probs.append(tuple(Fraction(p) for p in node.probs))
        else:
            assert isinstance(node, Decision)
            ix.kind.append("d")
            pl = pindex[node.player]
            ix.player.append(pl)
            ix.probs.append(())
            s = set_ids.get(node.infoset)
            if s is None:
                s = set_ids[node.infoset] = len(ix.set_name)
                ix.set_name.append(node.infoset)
                ix.set_player.append(pl)
                ix.members.append([])
                ix.set_actions.append(tuple(node.actions))
                per_player[pl] = per_player.get(pl, 0) + 1
                ix.set_key.append(f"{node.player}/{per_player[pl]}")
            ix.iset.append(s)
            ix.members[s].append(i)
        for a, child in zip(reversed(node.actions), reversed(node.children), strict=True):
            stack.append((child, i, (*path, a)))
    ix.children = [tuple(c) for c in child_lists]
    for i in range(ix.n - 1, -1, -1):
        ix.end[i] = ix.end[ix.children[i][-1]] if ix.children[i] else i + 1
    return ix


def own_history(ix: Indexed, i: int, player: int) -> tuple[tuple[int, int], ...]:
    """``player``'s own (information set, action index) pairs on the path to node ``i``."""
    out = []
    child = i
    node = ix.parent[i]
    while node >= 0:
        if ix.kind[node] == "d" and ix.player[node] == player:
            out.append((ix.iset[node], ix.children[node].index(child)))
        child, node = node, ix.parent[node]
    return tuple(reversed(out))


def imperfect_recall(ix: Indexed) -> str | None:
    """``None`` if the game has perfect recall, else a sentence naming a violation."""
    for s, members in enumerate(ix.members):
        pl = ix.set_player[s]
        first = own_history(ix, members[0], pl)
        for m in members[1:]:
            h = own_history(ix, m, pl)
            if h != first:

                def show(hist: tuple[tuple[int, int], ...]) -> str:
                    return (
                        "[" + ", ".join(ix.move_name(t, a) for t, a in hist) + "]"
                        if hist
                        else "no earlier move"
                    )

                absent = any(t == s for t, _ in h) or any(t == s for t, _ in first)
                why = " (absent-mindedness: the set lies twice on one path)" if absent else ""
                return (
                    f"information set {ix.set_name[s]!r} ({ix.set_key[s]}) of player "
                    f"{ix.players[pl]!r}: node {ix.name(members[0])} follows {show(first)} "
                    f"but node {ix.name(m)} follows {show(h)}{why}"
                )
    return None


def reduced_strategies(
    ix: Indexed, sets: Sequence[int], allowed: Sequence[Sequence[int]]
) -> dict[int, int]:
    """The number of reduced pure strategies of each player over the information sets
    ``sets`` with the actions ``allowed[s]`` (the size of Gambit's reduced strategic form).

    With perfect recall a player's sets form a forest (set ``t`` follows ``(s, a)`` when
    ``(s, a)`` is the last own move before ``t``); ``R(s) = sum over a of the product of
    R(t) over the sets t that follow (s, a)``, and the player's count is the product of
    ``R`` over the sets that follow no own move.
    """
    chosen = set(sets)
    follows: dict[tuple[int, int] | None, list[int]] = {}
    for s in sets:
        pl = ix.set_player[s]
        hist = [h for h in own_history(ix, ix.members[s][0], pl) if h[0] in chosen]
        follows.setdefault((hist[-1] if hist else None), []).append(s)
    memo: dict[int, int] = {}

    def count(s: int) -> int:
        if s not in memo:
            total = 0
            for a in allowed[s]:
                prod = 1
                for t in follows.get((s, a), ()):
                    prod *= count(t)
                total += prod
            memo[s] = total
        return memo[s]

    out: dict[int, int] = {}
    for s in follows.get(None, ()):
        pl = ix.set_player[s]
        out[pl] = out.get(pl, 1) * count(s)
    return out


# --------------------------------------------------------------------------- blocks


@dataclass
class Exit:
    """A way out of a block into a child block.

    ``edges`` lists ``(node, action index, index of the child block's root)``: one edge
    per member of the information set for a public move, one edge for a subgame.
    ``move``: ``(set, action)`` for a public move, ``None`` for a subgame root.
    """

    index: int
    block: int
    child: int
    edges: list[tuple[int, int, int]]
    move: tuple[int, int] | None


@dataclass
class Block:
    """A part of the tree solved on its own, from the belief ``nu`` over its ``roots``.

    ``nodes``: its nodes in pre-order (stopping at exits); ``sets``: the information sets
    whose nodes it holds; ``exits``: the exits leaving it (each to a child block);
    ``slot[(node, a)]``: the exit index of the edge ``(node, a)``, if it is an exit;
    ``start``: how the block begins (for reports); ``parent_exit``: the exit leading in.
    """

    index: int
    roots: list[int]
    nu: list[Fraction]
    start: str
    parent_exit: int | None
    nodes: list[int] = field(default_factory=list)
    sets: list[int] = field(default_factory=list)
    exits: list[int] = field(default_factory=list)
    slot: dict[tuple[int, int], int] = field(default_factory=dict)

    def players(self, ix: Indexed) -> list[int]:
        return sorted({ix.set_player[s] for s in self.sets})


@dataclass
class Decomposition:
    blocks: list[Block]
    exits: list[Exit]
    #: (set, action) -> why a public move was not split (its starting belief is not pinned)
    merged: dict[tuple[int, int], str]


def _closed_and_nontrivial(ix: Indexed) -> tuple[list[bool], list[bool]]:
    """Per node: is its subtree closed (every information set meeting it lies inside it)
    and does it contain a decision node?"""
    n = ix.n
    set_lo = [min(m) for m in ix.members]
    set_hi = [max(m) for m in ix.members]
    lo = [n] * n
    hi = [-1] * n
    has_dec = [False] * n
    for i in range(n - 1, -1, -1):
        if ix.kind[i] == "d":
            s = ix.iset[i]
            lo[i], hi[i], has_dec[i] = set_lo[s], set_hi[s], True
        for c in ix.children[i]:
            lo[i] = min(lo[i], lo[c])
            hi[i] = max(hi[i], hi[c])
            has_dec[i] = has_dec[i] or has_dec[c]
    closed = [lo[i] >= i and hi[i] < ix.end[i] for i in range(n)]
    return closed, has_dec


def _public(ix: Indexed, s: int, a: int, has_dec: list[bool]) -> bool:
    """Is the move ``(s, a)`` of a multi-node set public, with a non-trivial continuation?"""
    count: dict[int, int] = {}
    nontrivial = False
    for m in ix.members[s]:
        c = ix.children[m][a]
        nontrivial = nontrivial or has_dec[c]
        for j in range(c, ix.end[c]):
            t = ix.iset[j]
            if t >= 0:
                count[t] = count.get(t, 0) + 1
    return nontrivial and all(k == len(ix.members[t]) for t, k in count.items())


def _within(
    ix: Indexed, node: int, roots: dict[int, int]
) -> tuple[int, Fraction, tuple[tuple[int, int, int], ...]]:
    """From ``node`` up to its block root: (root position, product of chance
    probabilities, the decisions on the way as (player, set, action))."""
    prob = ONE
    decisions = []
    child, cur = node, node
    while cur not in roots:
        child, cur = cur, ix.parent[cur]
        k = ix.children[cur].index(child)
        if ix.kind[cur] == "c":
            prob *= ix.probs[cur][k]
        else:
            decisions.append((ix.player[cur], ix.iset[cur], k))
    return roots[cur], prob, tuple(reversed(decisions))


def decompose(ix: Indexed) -> Decomposition:
    """Split the tree into blocks, top-down (children get higher indices than parents).

    A block ends at an edge ``(node, a)`` when

    * ``node`` is a chance node or the only node of its information set and the subtree
      below the edge is closed and holds a decision node (a proper subgame); or
    * ``node``'s information set ``I`` has several nodes, ``(I, a)`` is public, its
      continuation holds a decision node, and the belief at ``I`` is pinned: the paths
      inside the block from its roots to the members of ``I`` meet only chance nodes of
      positive probability and moves of ``I``'s own player, the same moves for every
      member. The child block then starts from that belief (the block's starting belief
      times Nature's probabilities, normalised).

    A public move whose starting belief is not pinned stays inside its block (``merged``).
    """
    closed, has_dec = _closed_and_nontrivial(ix)
    blocks: list[Block] = []
    exits: list[Exit] = []
    merged: dict[tuple[int, int], str] = {}
    queue: list[tuple[list[int], list[Fraction], str, int | None]] = [
        ([0], [ONE], "the root", None)
    ]
    while queue:
        roots, nu, start, parent_exit = queue.pop(0)
        b = Block(len(blocks), roots, nu, start, parent_exit)
        blocks.append(b)
        if parent_exit is not None:
            exits[parent_exit].child = b.index
        root_pos = {r: k for k, r in enumerate(roots)}
        pending: list[tuple[list[int], list[Fraction], str, int]] = []
        move_exit: dict[tuple[int, int], int] = {}
        split_cache: dict[tuple[int, int], tuple[bool, list[Fraction]]] = {}
        stack = list(reversed(roots))
        seen_sets: set[int] = set()
        while stack:
            i = stack.pop()
            b.nodes.append(i)
            if ix.kind[i] == "t":
                continue
            s = ix.iset[i]
            if s >= 0 and s not in seen_sets:
                seen_sets.add(s)
                b.sets.append(s)
            for a in range(len(ix.children[i]) - 1, -1, -1):
                c = ix.children[i][a]
                multi = s >= 0 and len(ix.members[s]) > 1
                if multi:
                    key = (s, a)
                    if key not in split_cache:
                        split_cache[key] = _move_split(ix, s, a, b, root_pos, has_dec, merged)
                    ok, weights = split_cache[key]
                    if ok:
                        if key not in move_exit:
                            e = Exit(len(exits), b.index, -1, [], (s, a))
                            exits.append(e)
                            b.exits.append(e.index)
                            move_exit[key] = e.index
                            for k, m in enumerate(ix.members[s]):
                                e.edges.append((m, a, k))
                            pending.append(
                                (
                                    [ix.children[m][a] for m in ix.members[s]],
                                    weights,
                                    f"after the public move {ix.move_name(s, a)}",
                                    e.index,
                                )
                            )
                        b.slot[(i, a)] = move_exit[key]
                        continue
                if ix.kind[c] != "t" and closed[c] and has_dec[c]:
                    e = Exit(len(exits), b.index, -1, [(i, a, 0)], None)
                    exits.append(e)
                    b.exits.append(e.index)
                    b.slot[(i, a)] = e.index
                    pending.append(([c], [ONE], f"the subgame at node {ix.name(c)}", e.index))
                    continue
                stack.append(c)
        b.nodes.sort()
        b.exits.sort()
        queue.extend(sorted(pending, key=lambda p: p[0][0]))
    return Decomposition(blocks, exits, merged)


def _move_split(
    ix: Indexed,
    s: int,
    a: int,
    b: Block,
    root_pos: dict[int, int],
    has_dec: list[bool],
    merged: dict[tuple[int, int], str],
) -> tuple[bool, list[Fraction]]:
    if not _public(ix, s, a, has_dec):
        return False, []
    pl = ix.set_player[s]
    weights = []
    seqs = set()
    for m in ix.members[s]:
        pos, prob, decisions = _within(ix, m, root_pos)
        if any(p != pl for p, _, _ in decisions):
            merged[(s, a)] = "another player moves between the start of its block and the set"
            return False, []
        if prob * b.nu[pos] == 0:
            merged[(s, a)] = "Nature reaches a member of the set with probability 0"
            return False, []
        seqs.add(decisions)
        weights.append(prob * b.nu[pos])
    if len(seqs) > 1:
        merged[(s, a)] = "the set's player reaches its members by different own moves"
        return False, []
    total = sum(weights, ZERO)
    return True, [w / total for w in weights]


# --------------------------------------------------------------------------- pruning


Bounds = tuple[list[tuple[Fraction, ...]], list[tuple[Fraction, ...]]]


def prune(
    ix: Indexed,
    nodes: Sequence[int],
    slot_bounds: dict[tuple[int, int], tuple[tuple[Fraction, ...], tuple[Fraction, ...]]],
    allowed: dict[int, list[int]],
) -> dict[int, tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """Prune ``allowed`` (set -> action indices, updated in place) over ``nodes``.

    ``nodes`` are visited in reverse pre-order; ``slot_bounds[(node, a)]`` gives bounds
    ``(lo, hi)`` (per player) for edges that leave ``nodes`` (exits), other edges take the
    bounds of their child. Returns the bounds of every node visited. At a singleton set
    an action is dropped when its upper bound for the mover is below the lower bound of
    another allowed action; at a larger set when another action beats it at every member
    (upper bound below the other's lower bound, node by node).
    """
    bounds: dict[int, tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = {}
    npl = len(ix.players)

    def child_bounds(i: int, a: int) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
        sb = slot_bounds.get((i, a))
        return sb if sb is not None else bounds[ix.children[i][a]]

    for i in sorted(nodes, reverse=True):
        k = ix.kind[i]
        if k == "t":
            bounds[i] = (ix.payoffs[i], ix.payoffs[i])
            continue
        if k == "c":
            lo = [ZERO] * npl
            hi = [ZERO] * npl
            for a, p in enumerate(ix.probs[i]):
                cl, ch = child_bounds(i, a)
                for j in range(npl):
                    lo[j] += p * cl[j]
                    hi[j] += p * ch[j]
            bounds[i] = (tuple(lo), tuple(hi))
            continue
        s = ix.iset[i]
        pl = ix.player[i]
        acts = allowed[s]
        cb = {a: child_bounds(i, a) for a in acts}
        if len(ix.members[s]) == 1 and len(acts) > 1:
            best_lo = max(cb[a][0][pl] for a in acts)
            acts = [a for a in acts if cb[a][1][pl] >= best_lo]
            allowed[s] = acts
        lo = tuple(min(cb[a][0][j] for a in acts) for j in range(npl))
        hi = tuple(max(cb[a][1][j] for a in acts) for j in range(npl))
        bounds[i] = (lo, hi)
    # larger sets: node-wise dominance by another allowed action
    sets = {ix.iset[i] for i in nodes if ix.kind[i] == "d" and len(ix.members[ix.iset[i]]) > 1}
    for s in sets:
        pl = ix.set_player[s]
        acts = allowed[s]
        keep = []
        for a in acts:
            beaten = any(
                all(child_bounds(m, a)[1][pl] < child_bounds(m, b)[0][pl] for m in ix.members[s])
                for b in acts
                if b != a
            )
            if not beaten:
                keep.append(a)
        allowed[s] = keep
    return bounds
