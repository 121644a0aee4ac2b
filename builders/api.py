"""The generic builder API every model module follows.

A model module (one per model, OpenSpiel-style: its rules in one place) defines

1. a frozen dataclass of parameters whose ``__post_init__`` converts every value to
   an exact ``Fraction`` (:func:`gametrees.builders.params.as_fraction`) and checks the model's
   assumptions, raising :class:`gametrees.builders.params.ParamError`; each field carries
   ``metadata={"doc": ..., "range": ...}`` (see :func:`param`);
2. a function ``build(params, offers) -> gametrees.tree.Game`` made of
   :func:`chance`, :func:`decision` and :func:`terminal`;
3. a module constant ``MODEL = ModelSpec(...)`` naming the two, plus the default
   grid of the model's continuous choice, if it has one.

:data:`builders.MODELS` lists the registered specs; the CLI reads only that.
``builders/beer_quiche.py`` is the smallest complete example.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Generic, TypeVar

from gametrees.tree import Chance, Decision, Game, Node, Terminal

__all__ = ["ModelSpec", "ParamDoc", "chance", "decision", "param", "param_docs", "terminal"]

P = TypeVar("P")


def param(default: Any, doc: str, range_: str) -> Any:
    """A dataclass field with its meaning and valid range, for ``gametrees params``."""
    return field(default=default, metadata={"doc": doc, "range": range_})


@dataclass(frozen=True)
class ParamDoc:
    name: str
    default: Fraction
    doc: str
    range: str


def param_docs(params_type: type) -> list[ParamDoc]:
    """The documented fields of a parameter dataclass, in declaration order."""
    out = []
    for f in dataclasses.fields(params_type):
        out.append(
            ParamDoc(
                f.name, Fraction(f.default), f.metadata.get("doc", ""), f.metadata.get("range", "")
            )
        )
    return out


@dataclass(frozen=True)
class ModelSpec(Generic[P]):
    """How to build one model: its parameters, its tree, its offer grid.

    ``default_offers(params, n)`` returns the grid used when the user asks for
    ``n`` offers; ``None`` for models without a continuous choice.
    """

    name: str
    title: str
    reference: str
    params_type: type[P]
    build: Callable[[P, Sequence[Fraction]], Game]
    default_offers: Callable[[P, int], tuple[Fraction, ...]] | None = None
    default_grid: int = 0
    options: Mapping[str, str] = field(default_factory=dict)

    def params(self, **values: Any) -> P:
        """Validated parameters: the defaults with ``values`` applied."""
        from gametrees.builders.params import ParamError

        known = {f.name for f in dataclasses.fields(self.params_type)}  # type: ignore[arg-type]
        for key in values:
            if key not in known:
                raise ParamError(
                    key,
                    f"unknown parameter {key!r} for {self.name}; known: {', '.join(sorted(known))}",
                )
        return self.params_type(**values)


def terminal(
    players: Sequence[str],
    payoffs: Mapping[str, Fraction],
    outcome: str = "",
    symbolic: Mapping[str, Any] | None = None,
) -> Terminal:
    """A leaf with ``payoffs[player]`` for each player, in ``players`` order."""
    return Terminal(
        tuple(payoffs[p] for p in players),
        outcome=outcome,
        symbolic=None if symbolic is None else tuple(symbolic[p] for p in players),
    )


def decision(
    player: str, infoset: str, branches: Sequence[tuple[str, Node]], label: str = ""
) -> Decision:
    """A move of ``player`` in ``infoset``; ``branches`` pairs each action with its subtree."""
    return Decision(
        player,
        infoset,
        tuple(a for a, _ in branches),
        tuple(n for _, n in branches),
        label=label,
    )


def chance(branches: Sequence[tuple[str, Fraction, Node]], label: str = "") -> Chance:
    """Nature's move; ``branches`` are ``(action, probability, subtree)``."""
    return Chance(
        tuple(a for a, _, _ in branches),
        tuple(Fraction(p) for _, p, _ in branches),
        tuple(n for _, _, n in branches),
        label=label,
    )
