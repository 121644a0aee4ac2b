"""Models: validated parameters and a grid in, a full game tree out.

Each model is one :class:`~gametrees.builders.api.Model` object (the contract is in
:mod:`gametrees.builders.api`); :func:`~gametrees.builders.registry.load_model` finds one
by name, file or module. ``MODELS`` maps the built-in models' names to them.
"""

from gametrees.builders.api import Choice, Model, Schematic, param
from gametrees.builders.registry import BUILTIN as MODELS
from gametrees.builders.registry import ModelError, iter_models, load_model

__all__ = [
    "MODELS",
    "Choice",
    "Model",
    "ModelError",
    "Schematic",
    "iter_models",
    "load_model",
    "param",
]
