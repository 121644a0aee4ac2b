"""Exact certificates of sequential rationality, on our own tree model.

:func:`certify_sequential` is a generic checker for any :class:`gametrees.tree.Game`:
given everyone's behaviour and a belief at every information set, it computes each
action's expected payoff for the mover exactly (continuation values on the tree, in
exact rationals) and lists every set where a played action is not optimal, and every
belief that contradicts Bayes' rule where the set is reached with positive probability.
This is the definition of a (weak) perfect Bayesian equilibrium in assessment form
(Fudenberg & Tirole 1991, *Game Theory*, section 8.2; Osborne & Rubinstein 1994,
section 12.2). It uses neither Gambit nor any solver.

:func:`pbe_profile` writes a pure PBE of a Yoder & Cohen model (a :class:`gametrees.verify.yoder_cohen.types.PBE`
plus a punishing continuation at every other offer) as such a full-tree assessment, with
P's beliefs in the *game's* terms (the rescaled game's chance prior, MODEL.md section 3).
:func:`gambit_regret` is the independent cross-check: Gambit's exact
``agent_max_regret()`` of the same pure profile (GAMBIT_NOTES: 0 for a correct PBE).

Behaviour and beliefs are keyed by information-set names (the labels in
:mod:`gametrees.builders.yoder_cohen.tree`: ``"R offers"``, ``"A(hi) x=3/10"``, ``"P x=3/10 accept"``,
``"A(hi) x=3/10 accept ally"``). A belief is a list with one probability per member node
of the set, members in depth-first pre-order (:func:`gametrees.tree.infosets`); in the
Yoder & Cohen trees P's members are ``[supporter node, abandoner node]``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from gametrees.builders.yoder_cohen import tree as yc_tree
from gametrees.verify.yoder_cohen.types import PBE, BeliefRange, Continuation, MixedContinuation

from gametrees.tree import Chance, Decision, Game, Node, Terminal, infosets, iter_nodes

__all__ = [
    "Analysis",
    "Behavior",
    "Beliefs",
    "ModelSetup",
    "analyse",
    "certify_sequential",
    "check_behavior",
    "from_game_belief",
    "gambit_regret",
    "model_setup",
    "pbe_profile",
    "pick_belief",
    "to_game_belief",
]

#: information-set name -> action label -> probability
Behavior = dict[str, dict[str, Fraction]]
#: information-set name -> one probability per member node (pre-order)
Beliefs = dict[str, list[Fraction]]
Path = tuple[str, ...]


# --------------------------------------------------------------------------- models


@dataclass(frozen=True)
class ModelSetup:
    """What the verifier needs to know about one Yoder & Cohen model at a parameter point.

    ``prior`` is the offerer's prior (``rho`` in the baseline, ``psi`` in the extension),
    the chance probability of the supporter in the game; ``payoffs(alpha, x, accept, ally,
    support)`` is the model's ``outcome_payoffs`` at ``params`` (unscaled, every player).
    """

    model: str
    params: Any
    offerer: str
    prior: Fraction
    payoffs: Callable[[Fraction, Fraction, bool, bool, bool], dict[str, Fraction]]
    build: Callable[[Any, Sequence[Fraction]], Game]

    def alpha(self, t: str) -> Fraction:
        """A's valuation for type ``"hi"`` (supporter) or ``"lo"`` (abandoner)."""
        return self.params.alpha_hi if t == "hi" else self.params.alpha_lo

    def p_posterior(self, game_belief: Fraction) -> Fraction:
        """P's own posterior (prior ``q``) from a belief of the rescaled game."""
        return from_game_belief(self.params.q, self.prior, game_belief)

    def game_belief(self, posterior: Fraction) -> Fraction:
        """The rescaled game's belief that corresponds to P's own posterior."""
        return to_game_belief(self.params.q, self.prior, posterior)


def model_setup(model: str, params: Any) -> ModelSetup:
    """The :class:`ModelSetup` of ``"baseline"`` (offerer R, prior ``rho``) or ``"client"``
    (offerer C, prior ``psi``) at ``params``."""
    if model == "baseline":
        from gametrees.builders.yoder_cohen import baseline as mod

        offerer, prior = "R", params.rho
    elif model == "client":
        from gametrees.builders.yoder_cohen import client as mod

        offerer, prior = "C", params.psi
    else:
        raise ValueError(f"unknown model {model!r}; known: baseline, client")

    def payoffs(alpha: Fraction, x: Fraction, accept: bool, ally: bool, support: bool) -> dict:
        return mod.outcome_payoffs(params, alpha, x, accept, ally, support)

    return ModelSetup(model, params, offerer, prior, payoffs, mod.build)


def from_game_belief(q: Fraction, prior: Fraction, b: Fraction) -> Fraction:
    """P's posterior from the game's belief ``b`` (same as :func:`gametrees.builders.yoder_cohen.tree.p_posterior`)."""
    return yc_tree.p_posterior(q, prior, b)


def to_game_belief(q: Fraction, prior: Fraction, m: Fraction) -> Fraction:
    """Invert :func:`gametrees.builders.yoder_cohen.tree.p_posterior`: the game's belief ``b`` with P-posterior ``m``.

    With weights ``w_hi = q/prior``, ``w_lo = (1-q)/(1-prior)``,
    ``m = w_hi b / (w_hi b + w_lo (1-b))`` gives ``b = m w_lo / (m w_lo + (1-m) w_hi)``.
    """
    w = yc_tree.p_weights(q, prior)
    return m * w["lo"] / (m * w["lo"] + (1 - m) * w["hi"])


def pick_belief(r: BeliefRange) -> Fraction:
    """A point of a belief range: the point itself on the path, the midpoint off it."""
    return r.lo if r.lo == r.hi else (r.lo + r.hi) / 2


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


# --------------------------------------------------------------------------- Yoder & Cohen PBE


def pbe_profile(
    model: str,
    params: Any,
    offers: Sequence[Fraction],
    pbe: PBE,
    punish: Mapping[Fraction, Continuation | MixedContinuation],
) -> tuple[Behavior, Beliefs]:
    """The full-tree assessment of a PBE of ``model`` on the grid ``offers``.

    The offerer offers ``pbe.offer``; after every offer ``x`` the continuation is
    ``pbe.path`` at the equilibrium offer and ``punish[x]`` elsewhere (a ``punish`` entry
    at the equilibrium offer is ignored). Beliefs: the offerer's set ``[prior, 1 - prior]``;
    A's singleton sets ``[1]``; P's sets ``[b, 1 - b]`` over (supporter, abandoner) with
    ``b`` the *game's* belief (prior ``rho``/``psi``, rescaled payoffs; MODEL.md section 3)
    whose P-posterior is the continuation's point on the path or the midpoint of its
    off-path range (:func:`pick_belief`). Keys are the names of :mod:`gametrees.builders.yoder_cohen.tree`.
    A punishing :class:`MixedContinuation` (semi-separating) is written with its
    probabilities and its Bayes posteriors (both of P's sets are reached in it).
    """
    setup = model_setup(model, params)
    grid = yc_tree.check_offers(offers)
    if pbe.offer not in grid:
        raise ValueError(f"the equilibrium offer {pbe.offer} is not on the grid")
    behavior: Behavior = {
        f"{setup.offerer} offers": {
            yc_tree.offer_label(x): Fraction(int(x == pbe.offer)) for x in grid
        }
    }
    beliefs: Beliefs = {f"{setup.offerer} offers": [setup.prior, 1 - setup.prior]}
    for x in grid:
        if x == pbe.offer:
            cont = pbe.path
        else:
            if x not in punish:
                raise ValueError(f"no punishing continuation given at offer {x}")
            cont = punish[x]
        if cont.x != x:
            raise ValueError(f"the continuation given at offer {x} is for offer {cont.x}")
        _continuation_profile(setup, cont, behavior, beliefs)
    return behavior, beliefs


def _continuation_profile(
    setup: ModelSetup,
    cont: Continuation | MixedContinuation,
    behavior: Behavior,
    beliefs: Beliefs,
) -> None:
    """Add the moves and beliefs of one continuation, by information-set name."""
    xl = yc_tree.offer_label(cont.x)
    one = Fraction(1)

    def move(first: bool | Fraction, a: str, b: str) -> dict[str, Fraction]:
        pr = Fraction(first) if isinstance(first, Fraction) else Fraction(int(first))
        return {a: pr, b: 1 - pr}

    def posterior(rng: BeliefRange | Fraction) -> Fraction:
        return rng if isinstance(rng, Fraction) else pick_belief(rng)

    accepts = {"hi": cont.accept_hi, "lo": cont.accept_lo}
    supports = {"hi": cont.support_hi, "lo": cont.support_lo}
    for t in ("hi", "lo"):
        behavior[f"A({t}) {xl}"] = move(accepts[t], "accept", "reject")
        beliefs[f"A({t}) {xl}"] = [one]
        for response in yc_tree.RESPONSES:
            name = f"A({t}) {xl} {response} ally"
            behavior[name] = move(supports[t], "support", "abandon")
            beliefs[name] = [one]
    for response, ally, rng in (
        ("accept", cont.ally_accept, cont.belief_accept),
        ("reject", cont.ally_reject, cont.belief_reject),
    ):
        name = f"P {xl} {response}"
        behavior[name] = move(ally, "ally", "not")
        b = setup.game_belief(posterior(rng))
        beliefs[name] = [b, 1 - b]


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
