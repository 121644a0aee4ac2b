"""A paper's claims about its model, as data.

A model lists the claims its paper makes (``Model.claims``); the verifier checks each
against the game and reports a verdict, with a parameter point where a claim fails.
Claims name game quantities (:class:`Quantity`) that the model-family analysis derives
from the payoffs, never from the paper: the printed formula is the claim under test.

>>> q = Quantity("threshold", ("hi", "reject"))
>>> str(q)
'threshold(hi, reject)'
>>> FormulaClaim("PE: supporter's threshold", "Comparative statics", "w - k_A/phi", q).printed
'w - k_A/phi'
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

__all__ = [
    "AtStakeClaim",
    "BoundClaim",
    "ClassClaim",
    "Claim",
    "FormulaClaim",
    "PathClaim",
    "Quantity",
    "SignClaim",
]


@dataclass(frozen=True)
class Quantity:
    """A quantity of the game an analysis derives symbolically, e.g. ``threshold(hi, reject)``."""

    name: str
    args: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.name}({', '.join(self.args)})" if self.args else self.name


@dataclass(frozen=True)
class FormulaClaim:
    """A formula the paper prints (a sympy expression in the parameters, as text) and the
    quantity it claims to equal; ``printed=None`` when the paper prints it but the
    available text lost it (the derived form is then reported for the reader)."""

    name: str
    where: str
    printed: str | None
    quantity: Quantity


@dataclass(frozen=True)
class SignClaim:
    """A claim on the sign of ``left - right`` (``right=None``: of ``left``) everywhere in
    the valid parameter space, e.g. "the alliance at stake raises the threshold"."""

    name: str
    where: str
    left: Quantity
    right: Quantity | None
    sign: Literal[1, -1]


@dataclass(frozen=True)
class BoundClaim:
    """A claim that ``quantity`` moves monotonically in ``parameter`` (``increasing`` or not)
    and crosses ``bound`` for values of the parameter above some point, e.g. "for high w
    the supporter's threshold exceeds 1"."""

    name: str
    where: str
    quantity: Quantity
    parameter: str
    increasing: bool
    bound: Fraction


@dataclass(frozen=True)
class ClassClaim:
    """A claim about the set of equilibria: a class of equilibrium exists (``exists``) or
    never does, wherever the ``conditions`` hold (sympy relations in the parameters, as
    text; none: everywhere). The class is named as the model-family analysis classifies
    equilibria (e.g. ``"PE-reject"``)."""

    name: str
    where: str
    eq_class: str
    exists: bool
    conditions: tuple[str, ...] = ()


@dataclass(frozen=True)
class AtStakeClaim:
    """In every equilibrium of class ``eq_class``, the alliance is at stake (as the analysis
    defines it) if and only if ``condition`` holds (a sympy relation in the parameters, as
    text; ``&`` joins several). With ``necessary_only``, only "at stake implies the
    condition" is claimed (the rest depends on the equilibrium's off-path beliefs)."""

    name: str
    where: str
    eq_class: str
    condition: str
    necessary_only: bool = False


@dataclass(frozen=True)
class PathClaim:
    """A claim about the perfect Bayesian equilibria of any game: one whose path takes the
    ``moves`` (information set, action) exists (``exists``) or not, wherever the
    ``conditions`` hold; with ``criterion`` (``"intuitive criterion"`` or ``"D1"``), the
    claim is that such equilibria exist and every one of them survives it (``survives``) or
    fails it. Checked by the generic PBE solver, for any model."""

    name: str
    where: str
    moves: tuple[tuple[str, str], ...]
    exists: bool = True
    criterion: str | None = None
    survives: bool | None = None
    conditions: tuple[str, ...] = ()


#: Any claim.
Claim = FormulaClaim | SignClaim | BoundClaim | ClassClaim | AtStakeClaim | PathClaim
