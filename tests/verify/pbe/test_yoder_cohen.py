"""The generic solver on the Yoder & Cohen trees, against the model-specific enumerator.

The enumerator (``verify_point(..., gambit=False, certify=False).paths["enumerator"]``)
is known to miss PBE paths at knife edges, where a punishment mixes in a way it does not
enumerate (an indifferent type mixing at its threshold offer, P mixing at a belief of
exactly ``u/w``, the supporter's tie ``alpha_hi = c/w``). So:

* everywhere: the enumerator's paths are a subset of the generic ones, and every extra
  generic path is certified on the full tree (our certifier and Gambit's exact
  ``agent_max_regret``);
* at generic points (derived here: no type indifferent between its responses at any offer
  of the grid for any pure reply of P, ``q != u/w``, ``w != u``, ``alpha_hi != c/w``) and
  grids without the thresholds: the two sets are equal, and so are the paths surviving
  each refinement.
"""

from __future__ import annotations

from fractions import Fraction as F
from itertools import product

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import model_points

from gametrees.builders import MODELS
from gametrees.gambit import to_pygambit
from gametrees.verify.certify import certify_sequential, gambit_regret
from gametrees.verify.pbe import solve_pbe
from gametrees.verify.yoder_cohen.combine import MissingContinuation, best_response_set
from gametrees.verify.yoder_cohen.enumerate import per_offer_exact
from gametrees.verify.yoder_cohen.refine import refine
from gametrees.verify.yoder_cohen.run import verify_point

OFFERER = {"baseline": "R", "client": "C"}
REGIME = {
    (False, False): "none",
    (False, True): "reject",
    (True, False): "accept",
    (True, True): "both",
}
CRITERIA = ("intuitive criterion", "D1")


def _moved(probs) -> str:
    return next(a for a, p in probs.items() if p == 1)


def _key(model, game, path):
    """A generic path as the enumerator's key (offer, accept_hi, accept_lo, regime, payoff)."""
    b = path.assessment.behavior
    off = OFFERER[model]
    xl = _moved(b[f"{off} offers"])
    ally = (b[f"P {xl} accept"]["ally"] == 1, b[f"P {xl} reject"]["ally"] == 1)
    return (
        F(xl[2:]),
        b[f"A(hi) {xl}"]["accept"] == 1,
        b[f"A(lo) {xl}"]["accept"] == 1,
        REGIME[ally],
        path.assessment.payoffs[game.players.index(off)],
    )


class _Enumerator:
    """The enumerator's PBE paths and refined paths, computed as ``verify_point`` does
    (its closed forms and formula report, slow and not needed here, are skipped)."""

    def __init__(self, model, p, offers):
        pure, mixed = per_offer_exact(MODELS[model], p, offers)
        self.paths = {
            "enumerator": {_enum_key(e) for e in best_response_set(MODELS[model], pure, mixed)}
        }
        self.refined = {}
        for c in CRITERIA:
            try:
                refined = best_response_set(MODELS[model], refine(MODELS[model], p, pure, c), mixed)
                self.refined[c] = {_enum_key(e) for e in refined}
            except MissingContinuation:
                self.refined[c] = set()


def _enum_key(e):
    c = e.path
    return (e.offer, c.accept_hi, c.accept_lo, c.regime, c.offerer_payoff)


def _comparable(path) -> bool:
    """Pure on the path and at every set of the continuation after the offer (the
    enumerator's paths); off-path continuations may mix."""
    return path.path_pure and path.on_path_blocks_pure


def _generic(model, p, offers) -> bool:
    """No knife edge (see the module docstring), from the model's payoffs."""
    from gametrees.verify.yoder_cohen.enumerate import model_payoffs

    pay = model_payoffs(MODELS[model])
    if p.q * p.w == p.u or p.w == p.u or p.alpha_hi * p.w == p.c:
        return False
    for x, alpha, ally_acc, ally_rej in product(
        offers, (p.alpha_hi, p.alpha_lo), (True, False), (True, False)
    ):
        support = alpha * p.w >= p.c
        acc = pay(p, alpha, x, True, ally_acc, support)["A"]
        rej = pay(p, alpha, x, False, ally_rej, support)["A"]
        if acc == rej:
            return False
    return True


def _compare(model, p, offers):
    spec = MODELS[model]
    game = spec.build(p, offers)
    res = solve_pbe(game)
    assert res.complete
    ours = {_key(model, game, path): path for path in res.equilibria if _comparable(path)}
    theirs = _Enumerator(model, p, offers)
    missing = theirs.paths["enumerator"] - set(ours)
    assert not missing, f"the generic solver misses enumerator paths {sorted(missing)}"
    extra = set(ours) - theirs.paths["enumerator"]
    if extra:
        g = to_pygambit(game)
        for k in extra:
            a = ours[k].assessment
            assert certify_sequential(game, a.behavior, a.point_beliefs()) == []
            assert gambit_regret(game, a.behavior, g) == 0
    return game, res, ours, theirs, extra


def _check_decomposition(model, p, offers, res):
    off = OFFERER[model]
    prior = p.rho if model == "baseline" else p.psi
    after = [b for b in res.blocks if b.start.startswith(f'after the public move {off}/1 "')]
    assert len(after) == len(offers)
    for b in after:
        assert b.start_belief == (prior, 1 - prior)
        assert set(b.players) == {"A", "P"}
        assert b.sender_receiver is None  # Nature's type, A responds, P replies


def test_enumerator_helper_is_verify_point():
    spec = MODELS["baseline"]
    p = spec.params()
    offers = spec.grid(p, 3)
    vr = verify_point(MODELS["baseline"], p, offers, gambit=False, certify=False)
    mine = _Enumerator("baseline", p, offers)

    def tuples(keys):
        return {(k.offer, k.accept_hi, k.accept_lo, k.regime, k.offerer_payoff) for k in keys}

    assert mine.paths["enumerator"] == tuples(vr.paths["enumerator"])
    assert mine.refined == {c: tuples(v) for c, v in vr.refined.items()}


GRIDS = [[F(0), F(1, 2), F(1)], 3, 5]


@pytest.mark.parametrize("model", ["baseline", "client"])
@pytest.mark.parametrize("grid", GRIDS, ids=["0-half-1", "grid3", "grid5"])
def test_default_point(model, grid):
    spec = MODELS[model]
    p = spec.params()
    offers = spec.grid(p, grid) if isinstance(grid, int) else grid
    game, res, ours, theirs, extra = _compare(model, p, offers)
    _check_decomposition(model, p, offers, res)
    if _generic(model, p, offers):
        assert not extra
        for c in CRITERIA:
            survived = {k for k, path in ours.items() if path.refinements[c].status == "survives"}
            assert survived == theirs.refined[c]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    model=st.sampled_from(["baseline", "client"]),
    data=st.data(),
    grid=st.sampled_from([[F(0), F(1, 2), F(1)], [F(0), F(1, 3), F(2, 3), F(1)], 3]),
)
def test_random_points(model, data, grid):
    """Random valid points (q and rho, psi drawn independently), small grids."""
    p = data.draw(model_points(MODELS[model], allow_tie=True))
    spec = MODELS[model]
    offers = spec.grid(p, grid) if isinstance(grid, int) else grid
    _, _, ours, theirs, extra = _compare(model, p, offers)
    if _generic(model, p, offers):
        assert not extra
        for c in CRITERIA:
            survived = {k for k, path in ours.items() if path.refinements[c].status == "survives"}
            assert survived == theirs.refined[c]


def test_knife_edge_extra_path_at_a_threshold_offer():
    """A point found by the sweep (not one of the three ties: q = 1/5, u/w = 1/3,
    alpha_hi = 17/20 != c/w = 7/10, w = 3/5 != u = 1/5): at the abandoner's threshold offer
    x = 1/3 the abandoner is indifferent and may mix while P replies purely; P's posterior
    after a rejection is then q / (q + (1 - q) m), which is u/w at m = 1/2, so P may ally.
    That continuation gives R less than the enumerator's harshest one there, and supports
    two more paths. The enumerator's semi-separating family needs P to mix, so it misses it."""
    spec = MODELS["baseline"]
    p = spec.params(
        alpha_lo=F(1, 4), alpha_hi=F(17, 20), q=F(1, 5), rho=F(1, 5), w=F(3, 5), phi=F(3),
        k_A=F(2, 5), k_R=F(1, 2), pi=F(1, 5), u=F(1, 5), c=F(21, 50),
    )  # fmt: skip
    offers = spec.grid(p, 5)
    assert F(1, 3) in offers
    _, _, _, _, extra = _compare("baseline", p, offers)
    assert extra == {
        (F(241, 680), False, True, "reject", F(1007, 425)),
        (F(191, 408), True, True, "none", F(1629, 680)),
    }
    # the punishment at 1/3: derived posterior after a rejection with the abandoner mixing 1/2
    m = F(1, 2)
    assert p.q / (p.q + (1 - p.q) * m) == p.u / p.w


def test_every_listed_assessment_certified_default_grid3():
    model = "baseline"
    spec = MODELS[model]
    p = spec.params()
    offers = spec.grid(p, 3)
    game = spec.build(p, offers)
    res = solve_pbe(game)
    g = to_pygambit(game)
    for path in res.equilibria:
        for a in path.assessments(limit=2):
            assert certify_sequential(game, a.behavior, a.point_beliefs()) == []
            assert gambit_regret(game, a.behavior, g) == 0
