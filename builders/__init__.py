"""Model builders: validated parameters and an offer grid in, a full game tree out.

``MODELS`` maps each model's name to its :class:`gametrees.builders.api.ModelSpec`.
"""

from gametrees.builders import beer_quiche
from gametrees.builders.api import ModelSpec
from gametrees.builders.yoder_cohen import baseline, client

MODELS: dict[str, ModelSpec] = {m.MODEL.name: m.MODEL for m in (baseline, client, beer_quiche)}

__all__ = ["MODELS", "ModelSpec"]
