"""The Yoder & Cohen family of models: a :class:`~gametrees.builders.api.Model` from an
:class:`~gametrees.builders.yoder_cohen.tree.OfferGame` and the words that name it.

Both models of the paper (and any variant a researcher writes of the same shape) are the
same kind of object: the offerer's continuous offer ``x`` in [0, 1] with the thresholds as
its critical points, the paper's notation, a schematic tree drawn from the payoffs, the
declared structure that the Yoder & Cohen analysis recognises, and the paper's claims.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from gametrees.builders.api import Choice, Model
from gametrees.builders.yoder_cohen.notation import NOTATION
from gametrees.builders.yoder_cohen.schematic import offer_game_schematic
from gametrees.builders.yoder_cohen.tree import OfferGame, offer_game, offer_label
from gametrees.tree import Game

__all__ = ["offer_game_model"]


def offer_game_model(
    *,
    name: str,
    title: str,
    reference: str,
    players: tuple[str, ...],
    params_type: type,
    structure: OfferGame,
    tree_title: str,
    description: str,
    offer: str,
    caption: str,
    claims: tuple[Any, ...],
    schematic_options: Mapping[str, tuple[Any, str]] | None = None,
) -> Model:
    """The model ``name`` of shape ``structure``.

    ``tree_title`` and ``description`` go into the ``.efg`` file (title, comment);
    ``offer`` describes the continuous choice (``"R's offer of the stage-1 asset to A"``);
    ``caption`` is the schematic figure's; ``schematic_options`` are parameters the figure
    fixes, as options (name -> (default, meaning)).
    """

    def build(params: Any, offers: Sequence[Fraction]) -> Game:
        """The full tree at the offers ``offers`` (each in [0, 1], distinct): ``22|X| + 3``
        nodes, ``12|X|`` terminals; information sets: the offerer 1, A ``6|X|``, P ``2|X|``."""
        return offer_game(
            structure, params, players, offers, title=tree_title, description=description
        )

    return Model(
        name=name,
        title=title,
        reference=reference,
        players=players,
        params_type=params_type,
        build=build,
        choice=Choice(
            player=structure.offerer,
            symbol="x",
            description=offer,
            label=offer_label,
            critical_points=structure.critical_points,
            default_size=11,
        ),
        notation=NOTATION,
        schematic=offer_game_schematic(structure, params_type, name, caption, schematic_options),
        structure=structure,
        claims=claims,
    )
