"""``pbe_to_json``: the documented schema, on beer-quiche and a Yoder & Cohen tree."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

from gametrees.builders import MODELS
from gametrees.efg import read_efg, write_efg
from gametrees.tree import infosets
from gametrees.verify.pbe import SCHEMA, pbe_to_json, solve_pbe

RATIONAL = set("0123456789/-")


def _is_q(text) -> bool:
    return isinstance(text, str) and text and set(text) <= RATIONAL and F(text) is not None


def _beer_quiche():
    spec = MODELS["beer_quiche"]
    return spec.build(spec.params(), ())


def test_schema_beer_quiche():
    game = _beer_quiche()
    res = solve_pbe(game)
    out = pbe_to_json(res, game, assessments_per_path=2)
    json.dumps(out)  # plain JSON data
    assert out["schema"] == SCHEMA
    assert out["complete"] is True and out["exact"] is True
    assert out["players"] == ["Sender", "Receiver"]
    # keys: per player, numbered by first appearance in pre-order
    assert list(out["infosets"]) == ["Sender/1", "Receiver/1", "Receiver/2", "Sender/2"]
    assert out["infosets"]["Sender/2"]["name"] == "Sender weak"
    assert out["infosets"]["Receiver/2"]["members"] == [
        'root/"strong"/"quiche"',
        'root/"weak"/"quiche"',
    ]
    assert len(out["equilibria"]) == 2
    for eq in out["equilibria"]:
        assert set(eq["behavior"]) == set(out["infosets"])
        for key, probs in eq["behavior"].items():
            assert list(probs) == out["infosets"][key]["actions"]
            assert all(_is_q(v) for v in probs.values())
            assert sum(F(v) for v in probs.values()) == 1
        assert eq["infoset_names"] == {k: v["name"] for k, v in out["infosets"].items()}
        for key, b in eq["beliefs"].items():
            (kind,) = b
            assert kind in {"point", "interval", "vertices", "halfspaces"}
            if eq["on_path"][key]:
                assert kind == "point"
        off = [k for k, v in eq["on_path"].items() if not v]
        assert len(off) == 1 and eq["beliefs"][off[0]] == {"interval": ["0", "1/2"]}
        assert set(eq["refinements"]) == {"intuitive criterion", "D1"}
        assert eq["refinements"]["D1"]["status"] in {"survives", "fails"}
        assert eq["assessments"] == 1 and eq["alternatives"] == []
        assert eq["pure_equilibrium"] is True
    assert out["blocks"][0]["sender_receiver"] is True
    assert out["mixed"]["method"] == "enummixed"
    for eq in out["mixed"]["equilibria"]:
        assert eq["pure"] is False


def test_keys_follow_the_efg_order():
    """For a game read back from the ``.efg`` we write, key ``P/n`` is the ``n``-th set of
    player ``P`` in the file."""
    game = read_efg(write_efg(_beer_quiche()))
    out = pbe_to_json(solve_pbe(game), game)
    order: dict[str, list[str]] = {}
    for (player, name), _ in infosets(game).items():
        order.setdefault(player, []).append(name)
    for key, entry in out["infosets"].items():
        player, n = key.rsplit("/", 1)
        assert order[player][int(n) - 1] == entry["name"]


def test_yoder_cohen_json_off_path_continuations():
    spec = MODELS["baseline"]
    p = spec.params()
    offers = [F(0), F(1, 2), F(1)]
    game = spec.build(p, offers)
    res = solve_pbe(game)
    out = pbe_to_json(res, game)
    assert out["equilibria"]
    for eq in out["equilibria"]:
        afters = [o["after"] for o in eq["off_path"]]
        # the two offers not made are off-path continuations with some option each
        assert sum(a.startswith('after the public move R/1 "') for a in afters) == 2
        assert all(o["options"] >= 1 for o in eq["off_path"])
        assert eq["assessments"] >= 1
    assert out["blocks"][0]["not_sender_receiver_because"]


def test_wrong_game_refused():
    game = _beer_quiche()
    other = MODELS["baseline"].build(MODELS["baseline"].params(), [F(0), F(1)])
    with pytest.raises(ValueError, match="not for this game"):
        pbe_to_json(solve_pbe(game), other)
