""":func:`pbe_to_json`: a :class:`~gametrees.verify.pbe.result.PBEResult` as plain JSON data.

The schema is documented in the package docstring (:mod:`gametrees.verify.pbe`).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from gametrees.tree import Game, infosets
from gametrees.verify.pbe.result import Assessment, BeliefSet, PBEResult
from gametrees.verify.pbe.structure import node_name
from gametrees.verify.refine import CriterionVerdict

__all__ = ["SCHEMA", "pbe_to_json"]

#: The value of the output's ``"schema"`` field.
SCHEMA = "gametrees.pbe/1"


def _q(x: Fraction) -> str:
    return str(Fraction(x))


def _keys(game: Game) -> tuple[dict[str, str], dict[str, Any]]:
    """Set name -> ``"<player>/<number>"`` (per player, first appearance in pre-order),
    and the ``"infosets"`` table."""
    count: dict[str, int] = {}
    keys: dict[str, str] = {}
    table: dict[str, Any] = {}
    for (player, name), members in infosets(game).items():
        count[player] = count.get(player, 0) + 1
        key = f"{player}/{count[player]}"
        keys[name] = key
        table[key] = {
            "name": name,
            "player": player,
            "members": [node_name(path) for path, _ in members],
            "actions": list(members[0][1].actions),
        }
    return keys, table


def _belief(b: BeliefSet) -> dict[str, Any]:
    if b.kind == "point":
        assert b.point is not None
        return {"point": [_q(v) for v in b.point]}
    if b.kind == "interval":
        assert b.interval is not None
        return {"interval": [_q(b.interval[0]), _q(b.interval[1])]}
    if b.kind == "vertices":
        assert b.vertices is not None
        return {"vertices": [[_q(v) for v in vert] for vert in b.vertices]}
    assert b.halfspaces is not None
    return {"halfspaces": [[_q(v) for v in g] for g in b.halfspaces]}


def _verdicts(v: Mapping[str, CriterionVerdict]) -> dict[str, Any]:
    return {c: {"status": x.status, "reason": x.reason} for c, x in v.items()}


def _assessment(a: Assessment, keys: Mapping[str, str], players: tuple[str, ...]) -> dict[str, Any]:
    return {
        "behavior": {
            keys[n]: {act: _q(p) for act, p in probs.items()} for n, probs in a.behavior.items()
        },
        "beliefs": {keys[n]: _belief(b) for n, b in a.beliefs.items()},
        "on_path": {keys[n]: bool(v) for n, v in a.on_path.items()},
        "payoffs": {p: _q(v) for p, v in zip(players, a.payoffs, strict=True)},
        "pure": a.pure,
        "infoset_names": {keys[n]: n for n in a.behavior},
    }


def pbe_to_json(result: PBEResult, game: Game, *, assessments_per_path: int = 1) -> dict[str, Any]:
    """``result`` (for ``game``) as JSON-ready data: strings for rationals, sets by key.

    ``assessments_per_path``: how many full assessments to write per path (the first is
    the representative; the others follow in :meth:`PBEPath.assessments` order, under
    ``"alternatives"``). Raises ``ValueError`` if ``result`` is not for ``game``.
    """
    keys, table = _keys(game)
    if tuple(game.players) != tuple(result.players) or set(keys) != set(result.infoset_keys):
        raise ValueError("the result is not for this game (players or information sets differ)")
    players = tuple(game.players)
    equilibria = []
    for path in result.equilibria:
        row = _assessment(path.assessment, keys, players)
        row.update(
            {
                "index": path.index,
                "path_pure": path.path_pure,
                "pure_equilibrium": path.pure,
                "on_path_blocks_pure": path.on_path_blocks_pure,
                "assessments": path.count,
                "off_path": [
                    {
                        "after": o.after,
                        "options": o.options,
                        "pure_options": o.pure_options,
                        "shared_with": list(o.shared_with),
                    }
                    for o in path.off_path
                ],
                "refinements": _verdicts(path.refinements),
            }
        )
        if assessments_per_path > 1:
            extra = list(path.assessments(limit=assessments_per_path))[1:]
            row["alternatives"] = [_assessment(a, keys, players) for a in extra]
        equilibria.append(row)
    mixed = []
    for a, verdicts in result.mixed.equilibria:
        row = _assessment(a, keys, players)
        row["refinements"] = _verdicts(verdicts)
        mixed.append(row)
    return {
        "schema": SCHEMA,
        "method": result.method,
        "exact": result.exact,
        "concept": result.concept,
        "parameters": dict(result.parameters),
        "players": list(players),
        "complete": result.complete,
        "complete_reason": result.complete_reason,
        "infosets": table,
        "blocks": [
            {
                "index": b.index,
                "start": b.start,
                "roots": list(b.roots),
                "start_belief": [_q(v) for v in b.start_belief],
                "players": list(b.players),
                "infosets": [keys[n] for n in b.infosets],
                "pure_profiles": b.pure_profiles,
                "pure_equilibria": b.pure_equilibria,
                "mixed_equilibria": b.mixed_equilibria,
                "mixed_method": b.mixed_method,
                "mixed_note": b.mixed_note,
                "sender_receiver": b.sender_receiver is None,
                "not_sender_receiver_because": b.sender_receiver,
            }
            for b in result.blocks
        ],
        "equilibria": equilibria,
        "mixed": {
            "method": result.mixed.method,
            "exact": result.mixed.exact,
            "complete": result.mixed.complete,
            "reason": result.mixed.reason,
            "equilibria": mixed,
        },
    }
