"""Exact certificates of sequential rationality, on our own tree model.

:func:`certify_sequential` is a generic checker for any :class:`gametrees.tree.Game`:
given everyone's behaviour and a belief at every information set, it computes each
action's expected payoff for the mover exactly (continuation values on the tree, in
exact rationals) and lists every set where a played action is not optimal, and every
belief that contradicts Bayes' rule where the set is reached with positive probability.
This is the definition of a (weak) perfect Bayesian equilibrium in assessment form
(Fudenberg & Tirole 1991, *Game Theory*, section 8.2; Osborne & Rubinstein 1994,
section 12.2). It uses neither Gambit nor any solver.

:func:`gambit_regret` is the independent cross-check: Gambit's exact
``agent_max_regret()`` of the same profile (GAMBIT_NOTES: 0 for a Nash equilibrium of
the agent form, so for every PBE).

Behaviour and beliefs are keyed by information-set names (as the
:class:`~gametrees.tree.Game` names them). A belief is a list with one probability per
member node of the set, members in depth-first pre-order (:func:`gametrees.tree.infosets`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gametrees.tree import Chance, Decision, Game, Node, Terminal, infosets, iter_nodes

__all__ = [
    "Analysis",
    "Behavior",
    "Beliefs",
    "analyse",
    "certify_sequential",
    "check_behavior",
    "gambit_regret",
]

#: information-set name -> action label -> probability
Behavior = dict[str, dict[str, Fraction]]
#: information-set name -> one probability per member node (pre-order)
Beliefs = dict[str, list[Fraction]]
Path = tuple[str, ...]


# --------------------------------------------------------------------------- analysis


@dataclass(frozen=True)
class Analysis:
    """Exact reach probabilities and continuation values of a game under a behaviour.

    ``reach[path]``: probability that the node at ``path`` is reached;
    ``value[path]``: expected payoff vector (players in game order) from that node on;
    ``sets[name]``: ``(player, member paths, actions)``.
    """

    game: Game
    reach: dict[Path, Fraction]
    value: dict[Path, tuple[Fraction, ...]]
    sets: dict[str, tuple[str, tuple[Path, ...], tuple[str, ...]]]

    def set_reach(self, name: str) -> Fraction:
        """Probability that information set ``name`` is reached."""
        return sum((self.reach[m] for m in self.sets[name][1]), Fraction(0))

    def bayes(self, name: str) -> list[Fraction] | None:
        """Bayes' rule at ``name``: each member's reach over the set's; ``None`` if unreached."""
        total = self.set_reach(name)
        if total == 0:
            return None
        return [self.reach[m] / total for m in self.sets[name][1]]

    def member_values(self, name: str) -> list[dict[str, Fraction]]:
        """For each member of ``name``, the mover's continuation payoff of each action."""
        player, members, actions = self.sets[name]
        i = self.game.players.index(player)
        return [{a: self.value[(*m, a)][i] for a in actions} for m in members]

    def action_values(self, name: str, belief: Sequence[Fraction]) -> dict[str, Fraction]:
        """The mover's expected payoff of each action at ``name`` under ``belief``."""
        per_member = self.member_values(name)
        actions = self.sets[name][2]
        return {
            a: sum((mu * v[a] for mu, v in zip(belief, per_member, strict=True)), Fraction(0))
            for a in actions
        }


def check_behavior(game: Game, behavior: Mapping[str, Mapping[str, Fraction]]) -> list[str]:
    """Violations of well-formedness: a missing set, an unknown action, probabilities that
    are negative, not exact, or do not sum to 1."""
    out: list[str] = []
    for (player, name), members in infosets(game).items():
        actions = members[0][1].actions
        if name not in behavior:
            out.append(f"{name!r} ({player}): no behaviour given")
            continue
        probs = behavior[name]
        unknown = sorted(set(probs) - set(actions))
        if unknown:
            out.append(
                f"{name!r} ({player}): unknown actions {unknown}; actions are {list(actions)}"
            )
        for a, pr in probs.items():
            if not isinstance(pr, Fraction | int) or isinstance(pr, bool) or pr < 0:
                out.append(f"{name!r} ({player}): probability of {a!r} is {pr!r}")
        total = sum((Fraction(pr) for pr in probs.values()), Fraction(0))
        if total != 1:
            out.append(f"{name!r} ({player}): probabilities sum to {total}, not 1")
    return out


def analyse(game: Game, behavior: Mapping[str, Mapping[str, Fraction]]) -> Analysis:
    """Reach probabilities (top-down) and continuation values (bottom-up), exactly.

    ``behavior`` must be well formed (:func:`check_behavior`); actions it omits get 0.
    Iterative over the pre-order of :func:`gametrees.tree.iter_nodes`.
    """
    order: list[tuple[Path, Node]] = list(iter_nodes(game))
    reach: dict[Path, Fraction] = {(): Fraction(1)}
    for path, node in order:
        if isinstance(node, Terminal):
            continue
        for a, pr in zip(node.actions, _probs(node, behavior), strict=True):
            reach[(*path, a)] = reach[path] * pr
    value: dict[Path, tuple[Fraction, ...]] = {}
    n = len(game.players)
    for path, node in reversed(order):
        if isinstance(node, Terminal):
            value[path] = tuple(_exact(v) for v in node.payoffs)
            continue
        acc: tuple[Fraction, ...] | list[Fraction] = [Fraction(0)] * n
        for a, pr in zip(node.actions, _probs(node, behavior), strict=True):
            if pr == 1:  # a pure move: the child's value as it is (the common case)
                acc = value[(*path, a)]
                break
            if pr:
                child = value[(*path, a)]
                acc = [acc[i] + pr * child[i] for i in range(n)]
        value[path] = tuple(acc)
    sets = {
        name: (player, tuple(p for p, _ in members), members[0][1].actions)
        for (player, name), members in infosets(game).items()
    }
    return Analysis(game, reach, value, sets)


def _exact(v: Fraction | int) -> Fraction:
    return v if type(v) is Fraction else Fraction(v)


def _probs(
    node: Chance | Decision, behavior: Mapping[str, Mapping[str, Fraction]]
) -> list[Fraction]:
    if isinstance(node, Chance):
        return [_exact(p) for p in node.probs]
    probs = behavior[node.infoset]
    return [_exact(probs.get(a, 0)) for a in node.actions]


def certify_sequential(
    game: Game,
    behavior: Mapping[str, Mapping[str, Fraction]],
    beliefs: Mapping[str, Sequence[Fraction]],
) -> list[str]:
    """Every violation of sequential rationality and Bayes consistency; ``[]`` certifies.

    For every information set: the belief (one probability per member, pre-order;
    singletons may be omitted, and so may any set reached with positive probability,
    whose belief is then Bayes' rule) must be a probability vector; where the set is
    reached with positive probability it must equal Bayes' rule; and every action
    played with positive probability must maximise the mover's expected continuation
    payoff under that belief, given everyone's behaviour below. Exact arithmetic.
    """
    bad = check_behavior(game, behavior)
    if bad:
        return bad
    an = analyse(game, behavior)
    out: list[str] = []
    for name, (player, members, _actions) in an.sets.items():
        bayes = an.bayes(name)
        if name in beliefs:
            mu = [Fraction(b) for b in beliefs[name]]
            if len(mu) != len(members):
                out.append(
                    f"{name!r} ({player}): {len(mu)} beliefs for {len(members)} member nodes"
                )
                continue
            if any(b < 0 for b in mu) or sum(mu, Fraction(0)) != 1:
                out.append(f"{name!r} ({player}): belief {_fmt(mu)} is not a probability vector")
                continue
            if bayes is not None and mu != bayes:
                out.append(
                    f"{name!r} ({player}): belief {_fmt(mu)} contradicts Bayes' rule {_fmt(bayes)} "
                    f"(the set is reached with probability {an.set_reach(name)})"
                )
        elif len(members) == 1:
            mu = [Fraction(1)]
        elif bayes is not None:
            mu = bayes
        else:
            out.append(f"{name!r} ({player}): unreached and no belief given")
            continue
        values = an.action_values(name, mu)
        best = max(values.values())
        for a, pr in behavior[name].items():
            if pr > 0 and values[a] < best:
                better = [b for b, v in values.items() if v == best]
                out.append(
                    f"{name!r} ({player}): plays {a!r} (probability {pr}) worth {values[a]}, "
                    f"but {better[0]!r} is worth {best} under belief {_fmt(mu)}"
                )
    return out


def _fmt(mu: Sequence[Fraction]) -> str:
    return "[" + ", ".join(str(b) for b in mu) + "]"


def gambit_regret(
    game: Game,
    behavior: Mapping[str, Mapping[str, Fraction]],
    gambit_game: Any = None,
    *,
    check: bool = True,
) -> Fraction:
    """Gambit's exact ``agent_max_regret()`` of ``behavior`` on ``to_pygambit(game)``.

    ``gambit_game``: that conversion, when the caller already has it (certifying many
    profiles of one game converts it once). ``check=False`` skips the well-formedness check
    of ``behavior`` (for a caller that has just run :func:`certify_sequential` on it).

    The profile is a rational ``MixedBehaviorProfile`` (GAMBIT_NOTES: never ``max_regret()``,
    which builds the strategic form). 0 for a Nash equilibrium of the agent form, so 0 for
    every PBE; it ignores off-path optimality (agents at unreached sets have zero regret).
    """
    import pygambit

    from gametrees.gambit import to_pygambit

    bad = check_behavior(game, behavior) if check else []
    if bad:
        raise ValueError("; ".join(bad))
    g = to_pygambit(game) if gambit_game is None else gambit_game
    profile = g.mixed_behavior_profile(rational=True)
    for infoset in g.infosets:
        probs = behavior[infoset.label]
        for action in infoset.actions:
            profile[action] = pygambit.Rational(Fraction(probs.get(action.label, 0)))
    return Fraction(profile.agent_max_regret())
