"""Model-family analyses: what gametrees can verify about models of a declared shape.

The generic verification (exact PBE, certification, refinements, claims) works on any
finite game. A model family can add more -- closed forms derived from the payoffs, a
fast exact solver, the paper's figures -- for every model whose ``Model.structure`` is of
the type it recognises. Analyses register here (OpenSpiel-style: the algorithms know no
model; a model declares its shape and is recognised): :data:`BUILTIN` lists the ones
that ship with gametrees, and plugins add theirs through the entry-point group
``gametrees.analyses`` (an object of type :class:`Analysis`).

No code branches on a model's name: :func:`analysis_for` looks at the type of the
model's declared structure only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from importlib.metadata import entry_points
from typing import Any

from gametrees.builders.api import Model
from gametrees.solution import Solution

__all__ = [
    "ENTRY_POINT_GROUP",
    "Analysis",
    "AnalysisRun",
    "Artefact",
    "PointCheck",
    "PointVerdict",
    "Progress",
    "SummaryTable",
    "VerifySummary",
    "analysis_for",
    "register",
]

#: The entry-point group of plugin analyses.
ENTRY_POINT_GROUP = "gametrees.analyses"

#: ``progress(stage)``: a stage of the work has started (the CLI shows it; may be a no-op).
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Artefact:
    """One output of a run: a file name, its bytes, and how the report presents it.

    ``kind``: ``"game"``, ``"solution"``, ``"report"``, ``"figure"`` or ``"data"``;
    ``caption``: a sentence for the report (figures and tables).
    """

    name: str
    data: bytes
    kind: str
    caption: str = ""


@dataclass(frozen=True)
class SummaryTable:
    """A small table for the console: a title, column names and rows of text."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class VerifySummary:
    """What ``gametrees verify`` shows of a result: tables, notes, and the verdict."""

    tables: tuple[SummaryTable, ...]
    notes: tuple[str, ...]
    disagreements: tuple[str, ...]
    verdict: str

    @property
    def agree(self) -> bool:
        return not self.disagreements


@dataclass(frozen=True)
class PointCheck:
    """A claim decided at one parameter point: does it ``applies`` there (e.g. the class it
    is about exists), does it ``holds``, ``detail`` in words, and an optional verdict
    ``label`` (e.g. ``"DISAGREES"`` for a printed formula)."""

    applies: bool
    holds: bool
    detail: str
    label: str = ""


@dataclass(frozen=True)
class PointVerdict:
    """One parameter point of a sweep: did the checks agree, which classes were found."""

    agree: bool
    classes: tuple[str, ...]
    disagreements: tuple[str, ...]


@dataclass(frozen=True)
class AnalysisRun:
    """An analysis's part of ``gametrees run`` for one model.

    ``agree``: every check passed; ``classes``: the equilibrium classes found, in words;
    ``findings``: claims of the paper that the game contradicts; ``markdown``: the
    report; ``solution``: certified equilibria (to save and draw); ``artefacts``: its
    files (reports, figures, data).
    """

    agree: bool
    classes: str
    findings: int
    markdown: str
    solution: Solution | None
    artefacts: tuple[Artefact, ...]
    highlight: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """A model-family analysis for every model whose structure is a ``structure``.

    ``verify(model, params, grid, **options)`` returns the family's result (with an
    ``agree`` property); ``summary(result)``, ``to_markdown(result, timings)`` and
    ``to_json(result, timings)`` present it; ``verdict(result)`` condenses it for a sweep;
    ``run(model, params, grid, progress)`` does the family's part of ``gametrees run``. ``options`` names the keyword options
    ``verify`` takes (name -> meaning), so the CLI can offer them.
    """

    name: str
    structure: type
    description: str
    verify: Callable[..., Any]
    summary: Callable[[Any], VerifySummary]
    to_markdown: Callable[..., str]
    to_json: Callable[..., dict[str, Any]]
    verdict: Callable[[Any], PointVerdict]
    run: Callable[[Model, Any, Sequence[Fraction], Progress], AnalysisRun]
    options: tuple[tuple[str, str], ...] = ()
    #: ``check_claim(model, claim, params, grid)``: decide one of the model's claims at a
    #: point (``None`` for a claim this analysis does not decide); ``gametrees check``
    check_claim: Callable[[Model, Any, Any, Sequence[Fraction]], PointCheck | None] | None = None


_REGISTERED: list[Analysis] = []


def register(analysis: Analysis) -> None:
    """Add ``analysis`` (e.g. from a notebook or a test); plugins use the entry points."""
    if not isinstance(analysis, Analysis):
        raise TypeError(f"expected an Analysis, got {type(analysis).__name__}")
    _REGISTERED.append(analysis)


def _plugins() -> list[Analysis]:
    found = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        obj = ep.load()
        if isinstance(obj, Analysis):
            found.append(obj)
    return found


def analysis_for(model: Model, builtin: Sequence[Analysis] = ()) -> Analysis | None:
    """The first analysis (``builtin``, then registered ones, then plugins) that recognises
    ``model``'s declared structure, or ``None``."""
    if model.structure is None:
        return None
    for analysis in (*builtin, *_REGISTERED, *_plugins()):
        if isinstance(model.structure, analysis.structure):
            return analysis
    return None
