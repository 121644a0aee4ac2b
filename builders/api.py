"""The model contract: everything the pipeline needs to know about one model, in one object.

A model module (one per model, OpenSpiel-style: its rules in one place) defines

1. a frozen dataclass of parameters whose ``__post_init__`` converts every value to an
   exact ``Fraction`` (:func:`gametrees.builders.params.as_fraction`) and checks the
   model's assumptions, raising :class:`gametrees.builders.params.ParamError`; each field
   is declared with :func:`param` (its meaning, valid range and sign);
2. a function ``build(params, grid) -> gametrees.tree.Game`` made of :func:`chance`,
   :func:`decision` and :func:`terminal`;
3. a module constant ``MODEL = Model(...)`` holding the two, the model's continuous choice
   (:class:`Choice`, if it has one) and the optional parts later stages use when present:
   a symbol table for figure labels, a schematic tree, a declaration of the model's
   structure that model-family analyses recognise, and the paper's claims.

The pipeline reaches a model only through its :class:`Model`: no code anywhere branches on
a model's name. :func:`gametrees.builders.registry.load_model` finds one by name (the
built-ins and the ``gametrees.models`` entry points), by file (``path/to/my_model.py``,
which must define ``MODEL``) or by ``package.module:ATTR``.
``builders/beer_quiche.py`` is the smallest complete example.

>>> from fractions import Fraction
>>> from dataclasses import dataclass
>>> from gametrees.tree import Game
>>> @dataclass(frozen=True)
... class CoinParams:
...     p: Fraction = param(Fraction(1, 2), "probability of heads", "0 < p < 1")
>>> def build_coin(params, grid=()):
...     return Game(("Guesser",), decision("Guesser", "guess", [
...         ("heads", terminal(("Guesser",), {"Guesser": params.p})),
...         ("tails", terminal(("Guesser",), {"Guesser": 1 - params.p}))]))
>>> coin = Model("coin", "A coin", "none", ("Guesser",), CoinParams, build_coin)
>>> coin.game(p=Fraction(3, 4)).root.actions
('heads', 'tails')
>>> coin.grid(coin.params())
()
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import sympy as sp

from gametrees.builders.grid import choice_grid, explicit_grid, parse_values
from gametrees.builders.params import ParamError
from gametrees.notation import Notation
from gametrees.tree import Chance, Decision, Game, Node, Terminal

if TYPE_CHECKING:
    from gametrees.schematic import SchematicTree

__all__ = [
    "Choice",
    "Model",
    "ParamDoc",
    "Schematic",
    "Sign",
    "chance",
    "decision",
    "param",
    "param_docs",
    "param_symbols",
    "terminal",
]

P = TypeVar("P")

#: What a parameter's sign is known to be; gives its sympy symbol's assumptions.
Sign = Literal["positive", "nonnegative", "real"]


def param(default: Any, doc: str, range_: str, *, sign: Sign = "positive") -> Any:
    """A parameter field: its default, meaning and valid range, for ``gametrees params``.

    ``sign`` is what the model's assumptions say about the value; symbolic derivations
    (closed forms, schematic payoffs) give the parameter's sympy symbol that assumption.
    """
    return field(default=default, metadata={"doc": doc, "range": range_, "sign": sign})


@dataclass(frozen=True)
class ParamDoc:
    """One documented parameter: name, default, meaning and valid range."""

    name: str
    default: Fraction
    doc: str
    range: str


def param_docs(params_type: type) -> list[ParamDoc]:
    """The documented fields of a parameter dataclass, in declaration order."""
    return [
        ParamDoc(
            f.name, Fraction(f.default), f.metadata.get("doc", ""), f.metadata.get("range", "")
        )
        for f in dataclasses.fields(params_type)
    ]


_SYMBOL_CACHE: dict[type, SimpleNamespace] = {}


def param_symbols(params_type: type) -> SimpleNamespace:
    """One sympy symbol per parameter, named as the field, with the sign :func:`param` declared.

    The same namespace object is returned for the same type (symbols compare by name and
    assumptions, so derivations from different calls combine).

    >>> from gametrees.builders.beer_quiche import BeerQuicheParams
    >>> s = param_symbols(BeerQuicheParams)
    >>> s.p_strong, s.p_strong.is_positive
    (p_strong, True)
    """
    cached = _SYMBOL_CACHE.get(params_type)
    if cached is None:
        syms = {}
        for f in dataclasses.fields(params_type):
            sign = f.metadata.get("sign", "positive")
            kwargs = {"positive": {"positive": True}, "nonnegative": {"nonnegative": True}}
            syms[f.name] = sp.Symbol(f.name, real=True, **kwargs.get(sign, {}))
        cached = _SYMBOL_CACHE[params_type] = SimpleNamespace(**syms)
    return cached


@dataclass(frozen=True)
class Choice(Generic[P]):
    """A continuous choice of the model (e.g. R's offer ``x`` in [0, 1]), made finite by a grid.

    ``player`` makes the choice; ``symbol`` names it in formulas (``"x"``); ``label(v)`` is
    the action label of value ``v`` in the tree (``"x=3/10"``). ``critical_points(params)``
    lists the values every grid must contain (e.g. the thresholds where a type is
    indifferent): the model gives them to the grid, so the grid needs no knowledge of the
    model's solution. A default grid of ``n`` values holds ``n`` evenly spaced values of
    ``[lower, upper]``, every critical point inside it and a point just above each
    (:func:`gametrees.builders.grid.choice_grid`).
    """

    player: str
    symbol: str
    description: str
    label: Callable[[Fraction], str]
    critical_points: Callable[[P], Iterable[Fraction]] = lambda params: ()
    lower: Fraction = Fraction(0)
    upper: Fraction = Fraction(1)
    default_size: int = 11


@dataclass(frozen=True)
class Schematic(Generic[P]):
    """How to draw the model as a schematic tree with symbolic payoffs (e.g. the paper's Figure 2).

    ``tree(options)`` returns a :class:`gametrees.schematic.SchematicTree` that the generic
    renderer draws; ``options`` maps option names to values, each documented in ``options``
    here (name -> (default, help)); ``name`` is the base of the artefact's file name and
    ``caption`` its caption.
    """

    tree: Callable[[Mapping[str, Any]], SchematicTree]
    name: str
    caption: str
    options: Mapping[str, tuple[Any, str]] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Model(Generic[P]):
    """One model: its players, parameters, tree, continuous choice, and optional parts.

    Required: ``name`` (how the CLI calls it), ``title``, ``reference`` (the paper),
    ``players``, ``params_type`` (a frozen dataclass of :func:`param` fields) and
    ``build(params, grid)`` (the full tree; ``grid`` is the choice's values, ``()`` when
    ``choice`` is ``None``).

    Optional, used by later stages when present:

    * ``choice``: the continuous choice and its grid (:class:`Choice`);
    * ``notation``: how the paper typesets the parameters (:class:`gametrees.notation.Notation`;
      names it does not list are drawn by the generic rules of :mod:`gametrees.drawing.text`);
    * ``schematic``: a schematic tree with symbolic payoffs (:class:`Schematic`);
    * ``structure``: a declaration of the model's shape that a model-family analysis
      recognises (e.g. :class:`gametrees.builders.yoder_cohen.tree.OfferGame`, for which
      ``gametrees.verify.yoder_cohen`` has closed forms and a fast exact solver);
    * ``claims``: the paper's claims about the model, as data (checked by
      ``gametrees check``).

    Models compare by identity: one object per model.
    """

    name: str
    title: str
    reference: str
    players: tuple[str, ...]
    params_type: type[P]
    build: Callable[[P, Sequence[Fraction]], Game]
    choice: Choice[P] | None = None
    notation: Notation = field(default_factory=Notation)
    schematic: Schematic[P] | None = None
    structure: Any = None
    claims: tuple[Any, ...] = ()

    def params(self, **values: Any) -> P:
        """Validated parameters: the defaults with ``values`` applied.

        Raises :class:`ParamError` naming an unknown parameter or the violated assumption.
        """
        known = [f.name for f in dataclasses.fields(self.params_type)]  # type: ignore[arg-type]
        for key in values:
            if key not in known:
                raise ParamError(
                    key, f"unknown parameter {key!r} for {self.name}; known: {', '.join(known)}"
                )
        return self.params_type(**values)

    def grid(self, params: P, size: int | None = None) -> tuple[Fraction, ...]:
        """The default grid of the choice at ``params`` (``size`` evenly spaced values plus
        the critical points); ``()`` for a model without a continuous choice."""
        if self.choice is None:
            return ()
        n = self.choice.default_size if size is None else size
        return choice_grid(
            self.choice.lower, self.choice.upper, n, self.choice.critical_points(params)
        )

    def values(self, text_or_values: str | Iterable[Any]) -> tuple[Fraction, ...]:
        """An explicit grid (``"0, 1/4, 0.5"`` or a list), checked against the choice's range."""
        if self.choice is None:
            raise ParamError("offers", f"{self.name} has no continuous choice to give values of")
        values = parse_values(text_or_values) if isinstance(text_or_values, str) else text_or_values
        return explicit_grid(values, self.choice.lower, self.choice.upper)

    def game(
        self,
        params: P | None = None,
        *,
        size: int | None = None,
        grid: Iterable[Any] | None = None,
        **values: Any,
    ) -> Game:
        """Build the tree: at ``params`` (or the defaults with ``values`` applied), on ``grid``
        (explicit values) or the default grid of ``size`` values."""
        if params is None:
            params = self.params(**values)
        elif values:
            raise TypeError("give either params or parameter values, not both")
        points = self.values(list(grid)) if grid is not None else self.grid(params, size)
        return self.build(params, points)

    def __repr__(self) -> str:
        return f"<Model {self.name!r}: {self.title}>"


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
