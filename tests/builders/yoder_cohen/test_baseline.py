"""Tests of gametrees.builders.yoder_cohen.baseline: the full tree of the Yoder & Cohen (2025) baseline.

Every expected value is recomputed here from MODEL.md section 1 (the payoffs are typed
again below, not imported from the builder), and the tree is read back by walking it
with :func:`gametrees.tree.iter_nodes`: the path of action labels tells the type, the
offer, A's response, P's move and A's support decision.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gametrees.builders.params import ParamError
from gametrees.builders.yoder_cohen.baseline import (
    MODEL,
    PLAYERS,
    BaselineParams,
    build,
    p_posterior,
)
from gametrees.gambit import exact, to_pygambit
from gametrees.tree import Decision, Terminal, infosets, iter_nodes, stats

TYPE_OF_LABEL = {"supporter": "hi", "abandoner": "lo"}


# ------------------------------------------------------------------ MODEL.md section 1


def model_payoffs(p: BaselineParams, t: str, x: F, accept: bool, ally: bool, support: bool) -> dict:
    """Total payoffs (stage 1 + stage 2 +/- u) typed from MODEL.md section 1."""
    alpha = p.alpha_hi if t == "hi" else p.alpha_lo
    # Stage 1 (P gets 0 in stage 1).
    if accept:
        a1, r1 = p.phi * alpha * x, p.phi * (1 - x)
    else:
        a1, r1 = p.phi * p.w * alpha - p.k_A, p.phi * (1 - p.w) - p.k_R
    # Stage 2.
    if not ally:
        p2, a2, r2 = p.pi, alpha * p.pi, 1 - p.pi
    elif support:
        p2, a2, r2 = p.pi + p.w - p.u, alpha * (p.pi + p.w) - p.c + p.u, 1 - p.pi - p.w
    else:  # abandon: as no alliance, A keeps u
        p2, a2, r2 = p.pi - p.u, alpha * p.pi + p.u, 1 - p.pi
    return {"P": p2, "A": a1 + a2, "R": r1 + r2}


def p_weight(p: BaselineParams, t: str) -> F:
    """MODEL.md section 3: P's payoffs scaled by q/rho (supporter), (1-q)/(1-rho) (abandoner)."""
    return p.q / p.rho if t == "hi" else (1 - p.q) / (1 - p.rho)


def parse_path(path: tuple[str, ...]) -> tuple[str, F, bool, bool, bool]:
    """(type, offer, accept, ally, support) of a terminal's path of action labels."""
    assert path[0] in TYPE_OF_LABEL
    assert path[1].startswith("x=")
    assert path[2] in ("accept", "reject")
    assert path[3] in ("ally", "not")
    t = TYPE_OF_LABEL[path[0]]
    x = F(path[1][2:])
    ally = path[3] == "ally"
    if ally:
        assert len(path) == 5 and path[4] in ("support", "abandon")
        support = path[4] == "support"
    else:
        assert len(path) == 4
        support = False
    return t, x, path[2] == "accept", ally, support


# ------------------------------------------------------------------ strategies


@st.composite
def baseline_values(draw) -> dict:
    """Valid parameter values with small denominators (MODEL.md section 1 ranges)."""
    w = F(draw(st.integers(2, 19)), 20)
    lo = draw(st.integers(1, 18))
    hi = draw(st.integers(lo + 1, 19))
    alpha_lo, alpha_hi = F(lo, 20), F(hi, 20)
    star = alpha_lo + (alpha_hi - alpha_lo) * F(draw(st.integers(1, 4)), 4)
    return dict(
        alpha_lo=alpha_lo,
        alpha_hi=alpha_hi,
        w=w,
        c=star * w,
        q=F(draw(st.integers(1, 9)), 10),
        rho=F(draw(st.integers(1, 9)), 10),
        phi=draw(st.sampled_from([F(1, 2), F(1), F(3, 2), F(2), F(3)])),
        k_A=F(draw(st.integers(0, 5)), 10),
        k_R=F(draw(st.integers(0, 5)), 10),
        pi=(1 - w) * F(draw(st.integers(0, 4)), 4),
        u=F(draw(st.integers(1, 10)), 20),
    )


def make(values: dict) -> BaselineParams:
    try:
        return BaselineParams(**values)
    except ParamError:
        assume(False)
        raise  # unreachable


# ------------------------------------------------------------------ payoffs


def check_all_terminals(p: BaselineParams, offers) -> int:
    game = build(p, offers)
    assert game.players == PLAYERS == ("P", "A", "R")
    seen = set()
    for path, node in iter_nodes(game):
        if not isinstance(node, Terminal):
            continue
        t, x, accept, ally, support = parse_path(path)
        assert x in offers
        expected = model_payoffs(p, t, x, accept, ally, support)
        got = dict(zip(game.players, node.payoffs, strict=True))
        assert got["A"] == expected["A"], path
        assert got["R"] == expected["R"], path
        # P's payoff is rescaled so that P best-responds under its own prior q.
        assert got["P"] == expected["P"] * p_weight(p, t), path
        assert all(isinstance(v, F) for v in node.payoffs)
        seen.add(path)
    return len(seen)


def test_every_terminal_at_the_defaults_matches_model_md():
    p = BaselineParams()
    offers = MODEL.grid(p, 5)
    assert check_all_terminals(p, offers) == 12 * len(offers)


def test_rescaling_with_heterogeneous_priors():
    p = BaselineParams(q=F(1, 5), rho=F(2, 3))
    offers = MODEL.grid(p, 3)
    assert check_all_terminals(p, offers) == 12 * len(offers)
    # With q == rho nothing is rescaled: P's payoffs are MODEL.md's own.
    p = BaselineParams(q=F(2, 5), rho=F(2, 5))
    game = build(p, [F(0), F(1, 2), F(1)])
    for path, node in iter_nodes(game):
        if isinstance(node, Terminal):
            assert node.payoffs[0] == model_payoffs(p, *parse_path(path))["P"]


def test_chance_node_uses_rhos_prior():
    p = BaselineParams(q=F(1, 5), rho=F(2, 3))
    game = build(p, [F(0), F(1)])
    root = game.root
    probs = dict(zip(root.actions, root.probs, strict=True))
    assert probs == {"supporter": F(2, 3), "abandoner": F(1, 3)}


@settings(max_examples=25, deadline=None)
@given(baseline_values(), st.lists(st.integers(0, 12), min_size=1, max_size=4, unique=True))
def test_every_terminal_matches_model_md_at_random_points(values, nums):
    p = make(values)
    offers = [F(n, 12) for n in nums]
    assert check_all_terminals(p, offers) == 12 * len(offers)


# ------------------------------------------------------------------ shape


@pytest.mark.parametrize("n", [2, 3, 5])
def test_counts(n):
    p = BaselineParams()
    offers = [F(i, n - 1) for i in range(n)]
    game = build(p, offers)
    s = stats(game)
    assert s.nodes == 22 * n + 3
    assert s.terminals == 12 * n
    assert s.chance_nodes == 1
    assert s.infosets == {"R": 1, "A": 6 * n, "P": 2 * n}
    # Every P set spans both types (two members: supporter node first, then abandoner).
    sets = infosets(game)
    for (player, _name), members in sets.items():
        if player == "P":
            assert len(members) == 2
            assert [m[0][0] for m in members] == ["supporter", "abandoner"]
        elif player == "R":
            assert len(members) == 2
        else:
            assert len(members) == 1


def test_loads_in_pygambit_with_the_same_counts_and_payoffs():
    p = BaselineParams(q=F(1, 3), rho=F(3, 5))
    offers = MODEL.grid(p, 3)
    n = len(offers)
    game = build(p, offers)
    g = to_pygambit(game)
    nodes = list(g.nodes)
    assert len(nodes) == 22 * n + 3
    assert sum(1 for nd in nodes if nd.is_terminal) == 12 * n
    per_player = {pl.label: len(pl.infosets) for pl in g.players}
    assert per_player == {"P": 2 * n, "A": 6 * n, "R": 1}
    # The chance probabilities and every payoff survive exactly.
    assert [exact(a.prob) for a in g.root.infoset.actions] == [p.rho, 1 - p.rho]
    ours = [node.payoffs for _, node in iter_nodes(game) if isinstance(node, Terminal)]
    theirs = []

    def walk(nd):
        if nd.is_terminal:
            theirs.append(tuple(exact(nd.outcome[pl]) for pl in g.players))
        for ch in nd.children:
            walk(ch)

    walk(g.root)
    assert theirs == ours


# ------------------------------------------------------------------ parameters


CONDITIONS = [
    # (changes, parameter named, text of the condition in the message)
    ({"alpha_lo": F(1, 3)}, "alpha_lo", "c/w"),  # alpha_lo == c/w (defaults: c/w = 1/3)
    ({"alpha_lo": F(1, 2)}, "alpha_lo", "c/w"),  # alpha_lo > c/w
    ({"alpha_lo": F(0)}, "alpha_lo", "> 0"),
    ({"alpha_hi": F(1, 4)}, "alpha_hi", "c/w"),  # alpha_hi < c/w
    ({"alpha_hi": F(1)}, "alpha_hi", "< 1"),
    ({"q": F(0)}, "q", "0 < q < 1"),
    ({"q": F(1)}, "q", "0 < q < 1"),
    ({"rho": F(1)}, "rho", "0 < rho < 1"),
    ({"rho": F(0)}, "rho", "0 < rho < 1"),
    ({"w": F(1)}, "w", "0 < w < 1"),
    ({"w": F(0)}, "w", "0 < w < 1"),
    ({"pi": F(1, 2)}, "pi", "pi + w"),  # 1/2 + 3/5 > 1
    ({"pi": F(-1, 10)}, "pi", ">= 0"),
    ({"u": F(0)}, "u", "> 0"),
    ({"c": F(0)}, "c", "> 0"),
    ({"phi": F(0)}, "phi", "> 0"),
    ({"k_A": F(-1, 10)}, "k_A", ">= 0"),
    ({"k_R": F(-1, 10)}, "k_R", ">= 0"),
]


@pytest.mark.parametrize(
    ("changes", "name", "condition"), CONDITIONS, ids=[str(c[0]) for c in CONDITIONS]
)
def test_each_violated_assumption_raises_param_error(changes, name, condition):
    with pytest.raises(ParamError) as info:
        BaselineParams(**changes)
    assert info.value.name == name
    message = str(info.value)
    assert name in message
    assert condition in message


def test_boundary_alpha_hi_equal_to_cutoff_is_valid():
    # MODEL.md: c/w <= alpha_hi, so equality is allowed.
    p = BaselineParams(alpha_hi=F(1, 3))
    assert p.alpha_hi == p.c / p.w


def test_non_numeric_value_names_the_parameter():
    with pytest.raises(ParamError) as info:
        BaselineParams(alpha_lo="abc")
    assert info.value.name == "alpha_lo"
    assert "alpha_lo" in str(info.value) and "abc" in str(info.value)


@pytest.mark.parametrize("bad", [True, float("nan"), float("inf"), None, [1]])
def test_other_non_numbers_raise(bad):
    with pytest.raises(ParamError) as info:
        BaselineParams(q=bad)
    assert info.value.name == "q"


def test_string_float_and_fraction_values_agree():
    a = BaselineParams(alpha_lo="3/10", u="1/10")
    b = BaselineParams(alpha_lo=0.3, u=0.1)
    c = BaselineParams(alpha_lo=F(3, 10), u=F(1, 10))
    d = BaselineParams(alpha_lo="0.3", u=" 1/10 ")
    assert a == b == c == d
    assert a.alpha_lo == F(3, 10) and type(a.alpha_lo) is F
    assert type(b.u) is F and b.u == F(1, 10)  # 0.1 means 1/10, not the nearest double
    offers = [F(0), F(1, 2), F(1)]
    assert build(a, offers) == build(b, offers) == build(c, offers)


# ------------------------------------------------------------------ heterogeneous priors


def p_sets_differences(game) -> dict[str, tuple[F, F]]:
    """At each of P's sets: (ally - not) payoff difference for P at the supporter member
    and at the abandoner member, read from the (rescaled) tree, with the supporter
    supporting and the abandoner abandoning after an alliance."""
    out = {}
    for (player, name), members in infosets(game).items():
        if player != "P":
            continue
        diffs = []
        for path, node in members:
            t = TYPE_OF_LABEL[path[0]]
            kids = dict(zip(node.actions, node.children, strict=True))
            support_node = kids["ally"]
            assert isinstance(support_node, Decision)
            after = dict(zip(support_node.actions, support_node.children, strict=True))
            allied = after["support" if t == "hi" else "abandon"]
            diffs.append(allied.payoffs[0] - kids["not"].payoffs[0])
        out[name] = tuple(diffs)
    return out


@settings(max_examples=40, deadline=None)
@given(
    baseline_values(),
    st.integers(1, 19),
    st.integers(1, 19),
    st.integers(0, 20),
    st.integers(0, 20),
)
def test_p_best_responses_under_rescaling_equal_those_under_prior_q(values, qn, rn, bn, sn):
    values = dict(values, q=F(qn, 20), rho=F(rn, 20))
    assume(qn != rn)
    p = make(values)
    b = F(bn, 20)  # any belief (under rho) at the set
    game = build(p, [F(0), F(1, 2), F(1)])
    for name, (d_hi_scaled, d_lo_scaled) in p_sets_differences(game).items():
        x, response = F(name.split()[1][2:]), name.split()[2]
        accept = response == "accept"
        # Unscaled differences, from MODEL.md.
        d = {
            t: model_payoffs(p, t, x, accept, True, t == "hi")["P"]
            - model_payoffs(p, t, x, accept, False, False)["P"]
            for t in ("hi", "lo")
        }
        assert d_hi_scaled == d["hi"] * p.q / p.rho
        assert d_lo_scaled == d["lo"] * (1 - p.q) / (1 - p.rho)
        in_game = b * d_hi_scaled + (1 - b) * d_lo_scaled
        mu = p_posterior(p, b)
        under_q = mu * d["hi"] + (1 - mu) * d["lo"]
        assert (in_game > 0) == (under_q > 0)
        assert (in_game < 0) == (under_q < 0)
        assert (in_game == 0) == (under_q == 0)
    # p_posterior converts the Bayes belief under rho into the Bayes belief under q, for
    # any response strategy of A (s = Pr(supporter sends), r = Pr(abandoner sends)).
    s, r = F(sn, 20), F(20 - sn, 20)
    if p.rho * s + (1 - p.rho) * r > 0:
        b_rho = p.rho * s / (p.rho * s + (1 - p.rho) * r)
        assert p_posterior(p, b_rho) == p.q * s / (p.q * s + (1 - p.q) * r)
