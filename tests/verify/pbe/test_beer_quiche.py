"""Beer-quiche (Cho & Kreps 1987): the generic solver against answers derived here.

Derivation (payoffs from the game itself): the sender gets ``bonus`` for its favourite
breakfast (beer if strong, quiche if weak) plus ``escape`` if not dueled; the receiver
gets 1 for dueling a weak sender or leaving a strong one alone. At a breakfast reached
with belief ``s`` that the sender is strong, duel is worth ``1 - s``, not ``s``: the
receiver duels iff ``s <= 1/2`` (belief weak ``>= 1/2``), is indifferent at ``1/2``.

With ``p_strong > 1/2`` (Cho & Kreps' 9/10) the receiver leaves the pooled breakfast
alone (``s = p_strong > 1/2``); the other breakfast must be met by a duel (else the type
whose favourite it is deviates and gains ``bonus``), which needs ``s <= 1/2`` there; a
duel after the off-path breakfast deters both types (``bonus < escape``). Separating
profiles fail (the type that is dueled copies the other, gaining ``escape - bonus > 0``
or more). So exactly two pure PBE paths: pooling on beer and pooling on quiche, each with
the off-path belief ``s`` in ``[0, 1/2]``. Beer pooling passes the intuitive criterion;
quiche pooling fails it: the weak type gets ``bonus + escape = 3`` at quiche, more than
beer can ever give it (``escape = 2``), while the strong type gets ``escape = 2`` and
would get ``bonus + escape = 3`` from beer if the receiver, knowing it is strong, does
not duel.

With ``p_strong < 1/2`` the pooled breakfast is dueled (``s = p_strong < 1/2``); the weak
type, dueled anyway, prefers quiche (``bonus``), the strong prefers beer: pooling on beer
breaks (weak deviates to quiche, gaining ``bonus`` at least) and pooling on quiche breaks
(strong deviates to beer, gaining ``bonus`` at least); separation breaks as above. So no
pure PBE: only mixed ones, which the solver finds with Gambit.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from gametrees.builders import MODELS
from gametrees.gambit import to_pygambit
from gametrees.verify.certify import certify_sequential, gambit_regret
from gametrees.verify.pbe import solve_pbe


def _game(**params):
    spec = MODELS["beer_quiche"]
    return spec.build(spec.params(**params), ())


def _receiver_cutoff(game, after: str) -> F:
    """The belief ``s`` (strong) at which the receiver is indifferent, from the payoffs."""
    r = game.players.index("Receiver")
    leaves = {}
    for t, node in zip(game.root.actions, game.root.children, strict=True):
        k = node.actions.index(after)
        rec = node.children[k]
        leaves[t] = {
            a: child.payoffs[r] for a, child in zip(rec.actions, rec.children, strict=True)
        }
    # duel - not = s * (d_strong) + (1 - s) * d_weak = 0
    d_s = leaves["strong"]["duel"] - leaves["strong"]["not"]
    d_w = leaves["weak"]["duel"] - leaves["weak"]["not"]
    return d_w / (d_w - d_s)


def _pooled(path) -> str:
    beh = path.assessment.behavior
    s = next(a for a, p in beh["Sender strong"].items() if p == 1)
    w = next(a for a, p in beh["Sender weak"].items() if p == 1)
    assert s == w
    return s


def test_two_pooling_families_with_derived_intervals():
    game = _game()
    cutoff = _receiver_cutoff(game, "beer")
    assert cutoff == _receiver_cutoff(game, "quiche") == F(1, 2)
    res = solve_pbe(game)
    assert res.complete
    assert len(res.equilibria) == 2
    assert all(p.pure and p.path_pure for p in res.equilibria)
    by_food = {_pooled(p): p for p in res.equilibria}
    assert set(by_food) == {"beer", "quiche"}
    other = {"beer": "quiche", "quiche": "beer"}
    for food, path in by_food.items():
        a = path.assessment
        assert a.behavior[f"Receiver after {food}"] == {"duel": 0, "not": 1}
        assert a.behavior[f"Receiver after {other[food]}"] == {"duel": 1, "not": 0}
        on = a.beliefs[f"Receiver after {food}"]
        assert on.kind == "point" and on.point == (F(9, 10), F(1, 10))
        off = a.beliefs[f"Receiver after {other[food]}"]
        # members in pre-order: the strong node first; duel needs s <= cutoff
        assert off.members[0].endswith('"strong"/"' + other[food] + '"')
        assert off.kind == "interval" and off.interval == (F(0), cutoff)
        assert a.on_path == {
            "Sender strong": True,
            "Sender weak": True,
            f"Receiver after {food}": True,
            f"Receiver after {other[food]}": False,
        }
        assert path.count == 1
        assert certify_sequential(game, a.behavior, a.point_beliefs()) == []
        # the interval is exact: its end points support the duel, beyond them it fails
        name = f"Receiver after {other[food]}"
        for s, ok in ((F(0), True), (cutoff, True), (cutoff + F(1, 100), False)):
            beliefs = dict(a.point_beliefs(), **{name: [s, 1 - s]})
            assert (certify_sequential(game, a.behavior, beliefs) == []) is ok
    assert by_food["beer"].refinements["intuitive criterion"].status == "survives"
    assert by_food["quiche"].refinements["intuitive criterion"].status == "fails"
    assert "strong" in by_food["quiche"].refinements["intuitive criterion"].reason
    assert by_food["beer"].refinements["D1"].status == "survives"
    assert by_food["quiche"].refinements["D1"].status == "fails"


@pytest.mark.parametrize("p_strong", [F(2, 5), F(1, 10)])
def test_below_one_half_no_pure_pbe(p_strong):
    game = _game(p_strong=p_strong)
    res = solve_pbe(game)
    assert res.complete
    assert res.equilibria == ()
    # the mixed equilibria Gambit finds are certified exactly
    assert res.mixed.method == "enummixed" and res.mixed.equilibria
    g = to_pygambit(game)
    for a, _ in res.mixed.equilibria:
        assert not a.pure
        assert certify_sequential(game, a.behavior, a.point_beliefs()) == []
        assert gambit_regret(game, a.behavior, g) == 0


def test_prior_one_half_receiver_indifferent_on_the_path():
    """At ``p_strong = 1/2`` the pooled breakfast leaves the receiver indifferent, so it
    leave it alone (a duel there would send the weak type to quiche): the two pooling
    families again, derived as above with ``s = 1/2`` on the path."""
    game = _game(p_strong=F(1, 2))
    res = solve_pbe(game)
    foods = sorted(_pooled(p) for p in res.pure_equilibria)
    assert foods == ["beer", "quiche"]
    for p in res.pure_equilibria:
        food = _pooled(p)
        assert p.assessment.behavior[f"Receiver after {food}"]["not"] == 1


def test_representatives_certified_by_gambit():
    game = _game()
    res = solve_pbe(game)
    g = to_pygambit(game)
    for p in res.equilibria:
        assert gambit_regret(game, p.assessment.behavior, g) == 0
