"""The intuitive criterion and D1 for any sender-receiver game, detected by structure.

A game is a *sender-receiver* (signalling) game here when

1. the root is Nature's move, drawing the sender's type;
2. at each type's node one player, the *sender*, moves, alone in its information set
   (it knows its type), with the same actions -- the *messages* -- at every type;
3. after each message every type's node belongs to another player, the *receiver*, and
   these nodes form exactly one information set per message (the receiver sees the
   message, not the type);
4. below the receiver's replies every information set is a single node (whoever moves
   there knows the type and everything before): those moves enter the criteria through
   their continuation values under the equilibrium's behaviour, held fixed -- as the
   supporter's and abandoner's support decision does after P's alliance in the Yoder &
   Cohen continuation after an offer.

:func:`sender_receiver` detects this and says why a game is not one.
For an equilibrium (a behaviour profile of the game, possibly mixed) let ``u*(t)`` be
type ``t``'s equilibrium payoff, ``u(t, m, r)`` / ``v(t, m, r)`` the sender's / receiver's
continuation payoff after type ``t`` sends ``m`` and the receiver replies ``r``, and
``BR(S, m)`` the replies to ``m`` that are best replies to some belief concentrated on the
types ``S``. At every message no type sends:

* **intuitive criterion** (Cho & Kreps 1987, "Signaling Games and Stable Equilibria",
  *QJE* 102(2), s. IV): ``J(m)`` is the set of types with ``u*(t) > max u(t, m, r)`` over
  ``r`` in ``BR(T, m)`` (equilibrium-dominated at ``m``); the equilibrium fails if some
  type ``t`` has ``u*(t) < min u(t, m, r)`` over ``r`` in ``BR(T \\ J(m), m)`` (``T`` itself
  if ``J(m) = T``);
* **D1** (Cho & Kreps 1987, s. V; Banks & Sobel 1987, "Equilibrium Selection in
  Signaling Games", *Econometrica* 55(3)): with ``MBR(m)`` the receiver's mixed best
  replies to beliefs over all types, type ``t`` is deleted at ``m`` when the replies in
  ``MBR(m)`` that make ``t`` weakly prefer ``m`` to ``u*(t)`` all make some other type
  ``t'`` strictly prefer it; the equilibrium fails if the receiver's reply at ``m`` is not
  a (mixed) best reply to any belief concentrated on the types not deleted (all types
  if every type is deleted).

With two replies these agree with :mod:`gametrees.verify.yoder_cohen.refine` (which uses
every mixed reply in place of ``MBR(m)`` and every reply in place of ``BR(T, m)``; a
reply that is never a best reply is never played off the path, so the verdicts agree).
Exact rational arithmetic throughout.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from gametrees.tree import Chance, Decision, Game, infosets, iter_nodes
from gametrees.verify.certify import analyse
from gametrees.verify.lp import feasible_rows

__all__ = [
    "CRITERIA",
    "CriterionVerdict",
    "NotSenderReceiver",
    "SenderReceiver",
    "d1",
    "intuitive_criterion",
    "refine",
    "sender_receiver",
]

#: The criteria, by the names results use.
CRITERIA = ("intuitive criterion", "D1")

ZERO = Fraction(0)
ONE = Fraction(1)
Path = tuple[str, ...]


@dataclass(frozen=True)
class CriterionVerdict:
    """Whether an equilibrium survives one criterion.

    ``status``: ``"survives"``, ``"fails"`` or ``"not applicable"``; ``reason`` says why
    (the message and type that break it, or why the game is not a sender-receiver game).
    """

    criterion: str
    status: str
    reason: str

    @property
    def survives(self) -> bool | None:
        """``True`` / ``False``, or ``None`` when the criterion does not apply."""
        return None if self.status == "not applicable" else self.status == "survives"


@dataclass(frozen=True)
class NotSenderReceiver:
    """The game is not a sender-receiver game; ``reason`` says which condition fails."""

    reason: str


@dataclass(frozen=True)
class SenderReceiver:
    """The roles of a sender-receiver game (see the module docstring).

    ``types``: Nature's action labels at the root, ``prior`` their probabilities;
    ``sender_sets[t]``: the sender's information set at type ``t``; ``messages``: its
    actions; ``receiver_sets[j]``: the receiver's set after ``messages[j]``, ``replies[j]``
    its actions.
    """

    sender: str
    receiver: str
    types: tuple[str, ...]
    prior: tuple[Fraction, ...]
    sender_sets: tuple[str, ...]
    messages: tuple[str, ...]
    receiver_sets: tuple[str, ...]
    replies: tuple[tuple[str, ...], ...]


def sender_receiver(game: Game) -> SenderReceiver | NotSenderReceiver:
    """The sender-receiver structure of ``game``, or why it has none."""
    root = game.root
    if not isinstance(root, Chance):
        return NotSenderReceiver("the game does not start with Nature's move (a type draw)")
    sets = infosets(game)
    size = {name: len(members) for (_, name), members in sets.items()}
    type_nodes = list(root.children)
    if not all(isinstance(n, Decision) for n in type_nodes):
        return NotSenderReceiver("some type of Nature's draw has no move of a sender next")
    senders = {n.player for n in type_nodes}  # type: ignore[union-attr]
    if len(senders) != 1:
        return NotSenderReceiver(f"different players move after Nature's draw: {sorted(senders)}")
    sender = senders.pop()
    for t, n in zip(root.actions, type_nodes, strict=True):
        assert isinstance(n, Decision)
        if size[n.infoset] != 1:
            return NotSenderReceiver(
                f"the sender's information set {n.infoset!r} at type {t!r} holds other nodes: "
                "the sender does not know its type"
            )
    messages = type_nodes[0].actions  # type: ignore[union-attr]
    if any(n.actions != messages for n in type_nodes):  # type: ignore[union-attr]
        return NotSenderReceiver("the sender's types do not have the same messages")
    receivers: set[str] = set()
    receiver_sets: list[str] = []
    replies: list[tuple[str, ...]] = []
    for j, m in enumerate(messages):
        nodes = [n.children[j] for n in type_nodes]  # type: ignore[union-attr]
        if not all(isinstance(r, Decision) for r in nodes):
            return NotSenderReceiver(
                f"after message {m!r} some type's node is not a receiver's move"
            )
        names = {r.infoset for r in nodes}  # type: ignore[union-attr]
        players = {r.player for r in nodes}  # type: ignore[union-attr]
        if len(names) != 1 or size[next(iter(names))] != len(nodes):
            return NotSenderReceiver(
                f"after message {m!r} the types' nodes do not form exactly one information set "
                "(the receiver would know more or less than the message)"
            )
        if players == {sender}:
            return NotSenderReceiver(f"after message {m!r} the sender moves again, not a receiver")
        receivers |= players
        receiver_sets.append(next(iter(names)))
        replies.append(nodes[0].actions)  # type: ignore[union-attr]
    if len(receivers) != 1:
        return NotSenderReceiver(
            f"different players reply to different messages: {sorted(receivers)}"
        )
    receiver = receivers.pop()
    allowed_depth = 3  # root, type node, receiver node: everything below must be singletons
    for path, node in iter_nodes(game):
        if len(path) >= allowed_depth and isinstance(node, Decision) and size[node.infoset] != 1:
            return NotSenderReceiver(
                f"information set {node.infoset!r} below the receiver's replies has several "
                "nodes (a later move without knowledge of the type)"
            )
    return SenderReceiver(
        sender,
        receiver,
        tuple(root.actions),
        tuple(Fraction(p) for p in root.probs),
        tuple(n.infoset for n in type_nodes),  # type: ignore[union-attr]
        tuple(messages),
        tuple(receiver_sets),
        tuple(replies),
    )


# --------------------------------------------------------------------------- beliefs over types


class _Tables:
    """Payoffs of one equilibrium: ``ustar[t]``, ``u[t][j][r]`` (sender), ``v[t][j][r]``
    (receiver), ``sent[j]`` (does some type send message ``j``), ``reply[j][r]``."""

    def __init__(
        self, game: Game, sr: SenderReceiver, behavior: Mapping[str, Mapping[str, Fraction]]
    ) -> None:
        an = analyse(game, behavior)
        s = game.players.index(sr.sender)
        r = game.players.index(sr.receiver)
        self.sr = sr
        self.ustar = [an.value[(t,)][s] for t in sr.types]
        self.u = [
            [[an.value[(t, m, a)][s] for a in sr.replies[j]] for j, m in enumerate(sr.messages)]
            for t in sr.types
        ]
        self.v = [
            [[an.value[(t, m, a)][r] for a in sr.replies[j]] for j, m in enumerate(sr.messages)]
            for t in sr.types
        ]
        self.sent = [
            any(
                Fraction(behavior[sr.sender_sets[i]].get(m, 0)) > 0
                for i in range(len(sr.types))
                if sr.prior[i] > 0
            )
            for m in sr.messages
        ]
        self.reply = [
            [Fraction(behavior[name].get(a, 0)) for a in sr.replies[j]]
            for j, name in enumerate(sr.receiver_sets)
        ]

    def best_reply_possible(self, j: int, support: Sequence[int], types: Sequence[int]) -> bool:
        """Are all replies in ``support`` best replies to one belief concentrated on ``types``?"""
        rows = []
        n_r = len(self.sr.replies[j])
        for a in support:
            for b in range(n_r):
                if b != a:
                    rows.append([self.v[t][j][a] - self.v[t][j][b] for t in types])
        return feasible_rows(rows, len(types))

    def br(self, j: int, types: Sequence[int]) -> list[int]:
        return [
            a for a in range(len(self.sr.replies[j])) if self.best_reply_possible(j, [a], types)
        ]

    def mbr_faces(self, j: int) -> list[tuple[int, ...]]:
        """The maximal sets of replies that are all best replies to one belief (any types)."""
        types = list(range(len(self.sr.types)))
        n_r = len(self.sr.replies[j])
        faces: list[tuple[int, ...]] = []
        for size in range(n_r, 0, -1):
            for sup in combinations(range(n_r), size):
                if any(set(sup) <= set(f) for f in faces):
                    continue
                if self.best_reply_possible(j, sup, types):
                    faces.append(sup)
        return faces


def _no_sr(criterion: str, game: Game) -> CriterionVerdict | SenderReceiver:
    sr = sender_receiver(game)
    if isinstance(sr, NotSenderReceiver):
        return CriterionVerdict(criterion, "not applicable", sr.reason)
    return sr


def intuitive_criterion(
    game: Game,
    behavior: Mapping[str, Mapping[str, Fraction]],
    sr: SenderReceiver | None = None,
) -> CriterionVerdict:
    """Cho & Kreps' intuitive criterion for the equilibrium ``behavior`` of ``game``.

    ``behavior`` maps every information set's name to its action probabilities (as in
    :func:`gametrees.verify.certify.certify_sequential`); ``sr``: the structure, if the
    caller has already detected it.
    """
    name = "intuitive criterion"
    if sr is None:
        got = _no_sr(name, game)
        if isinstance(got, CriterionVerdict):
            return got
        sr = got
    tab = _Tables(game, sr, behavior)
    types = list(range(len(sr.types)))
    for j, m in enumerate(sr.messages):
        if tab.sent[j]:
            continue
        br_all = tab.br(j, types)
        dominated = [t for t in types if tab.ustar[t] > max(tab.u[t][j][a] for a in br_all)]
        rest = [t for t in types if t not in dominated] or types
        br_rest = tab.br(j, rest)
        for t in types:
            worst = min(tab.u[t][j][a] for a in br_rest)
            if worst > tab.ustar[t]:
                return CriterionVerdict(
                    name,
                    "fails",
                    f"type {sr.types[t]!r} gets {tab.ustar[t]} in equilibrium but at least {worst} "
                    f"by sending the unused message {m!r}, against every best reply of the "
                    f"receiver to beliefs on the types {[sr.types[x] for x in rest]} "
                    f"(equilibrium-dominated at {m!r}: {[sr.types[x] for x in dominated]})",
                )
    unused = [m for j, m in enumerate(sr.messages) if not tab.sent[j]]
    return CriterionVerdict(
        name,
        "survives",
        f"no type gains from an unused message {unused}" if unused else "every message is used",
    )


def _crossings(gain: Sequence[Fraction], face: Sequence[int]) -> list[dict[int, Fraction]]:
    """The vertices of ``{alpha in Delta(face): sum alpha_r gain_r >= 0}``."""
    out: list[dict[int, Fraction]] = [{r: ONE} for r in face if gain[r] >= 0]
    for r, s in combinations(face, 2):
        if gain[r] * gain[s] < 0:
            lam = gain[s] / (gain[s] - gain[r])  # lam*gain_r + (1-lam)*gain_s = 0
            out.append({r: lam, s: 1 - lam})
    return out


def _inside_strict(
    faces: Sequence[Sequence[int]], gain_t: Sequence[Fraction], gain_o: Sequence[Fraction]
) -> bool:
    """Do the replies of ``MBR(m)`` (the union of the simplices over ``faces``) that make
    ``t`` weakly gain (``gain_t``) all make the other type strictly gain (``gain_o``)?
    The minimum of a linear function over each such polytope is at one of its vertices."""
    for face in faces:
        for alpha in _crossings(gain_t, face):
            if sum((p * gain_o[a] for a, p in alpha.items()), ZERO) <= 0:
                return False
    return True


def d1(
    game: Game,
    behavior: Mapping[str, Mapping[str, Fraction]],
    sr: SenderReceiver | None = None,
) -> CriterionVerdict:
    """D1 (Cho & Kreps 1987, s. V) for the equilibrium ``behavior`` of ``game``."""
    name = "D1"
    if sr is None:
        got = _no_sr(name, game)
        if isinstance(got, CriterionVerdict):
            return got
        sr = got
    tab = _Tables(game, sr, behavior)
    types = list(range(len(sr.types)))
    for j, m in enumerate(sr.messages):
        if tab.sent[j]:
            continue
        faces = tab.mbr_faces(j)
        gain = [[tab.u[t][j][a] - tab.ustar[t] for a in range(len(sr.replies[j]))] for t in types]

        deleted = [
            t
            for t in types
            if any(_inside_strict(faces, gain[t], gain[o]) for o in types if o != t)
        ]
        rest = [t for t in types if t not in deleted] or types
        support = [a for a, p in enumerate(tab.reply[j]) if p > 0]
        if not tab.best_reply_possible(j, support, rest):
            played = {sr.replies[j][a]: str(tab.reply[j][a]) for a in support}
            return CriterionVerdict(
                name,
                "fails",
                f"after the unused message {m!r} the receiver plays {played}, which is a best "
                f"reply to no belief on the types not deleted by D1 "
                f"{[sr.types[x] for x in rest]} (deleted: {[sr.types[x] for x in deleted]})",
            )
    unused = [m for j, m in enumerate(sr.messages) if not tab.sent[j]]
    return CriterionVerdict(
        name,
        "survives",
        (
            f"the receiver's replies to the unused messages {unused} are best replies to beliefs "
            "on the types D1 keeps"
        )
        if unused
        else "every message is used",
    )


def refine(
    game: Game, behavior: Mapping[str, Mapping[str, Fraction]]
) -> dict[str, CriterionVerdict]:
    """Both criteria (:data:`CRITERIA`) for the equilibrium ``behavior`` of ``game``."""
    sr = sender_receiver(game)
    if isinstance(sr, NotSenderReceiver):
        return {c: CriterionVerdict(c, "not applicable", sr.reason) for c in CRITERIA}
    return {
        "intuitive criterion": intuitive_criterion(game, behavior, sr),
        "D1": d1(game, behavior, sr),
    }
