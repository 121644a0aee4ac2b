"""Model builders: validated parameters and an offer grid in, a full game tree out.

``MODELS`` maps each model's name to its :class:`builders.api.ModelSpec`.
"""

from builders import baseline, beer_quiche, client
from builders.api import ModelSpec

MODELS: dict[str, ModelSpec] = {m.MODEL.name: m.MODEL for m in (baseline, client, beer_quiche)}

__all__ = ["MODELS", "ModelSpec"]
