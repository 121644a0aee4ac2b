"""Entry deterrence (Selten 1978, "The chain store paradox"; Kreps & Wilson 1982): a model
written as a gametrees plugin, the complete example of "add your own model".

An entrant stays out or enters. Nature first makes the incumbent *tough* (it prefers to
fight) with probability ``p_tough``, or *weak*; the entrant does not see which. After
entry the incumbent, knowing its type, fights or accommodates.

Payoffs (entrant, incumbent): out gives ``(0, monopoly)``; entry met by accommodation
``(share, share)`` -- the weak incumbent's duopoly profit; entry met by a fight
``(-fight_cost, -fight_cost)`` for a weak incumbent, ``(-fight_cost, toughness)`` for a
tough one (it gains from fighting).

Use it by path, from any folder::

    gametrees build path/to/entry_deterrence.py -o entry.efg
    gametrees solve path/to/entry_deterrence.py --set p_tough=1/2

or install it as a plugin (see the README, "Add your own model").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from fractions import Fraction

from gametrees.builders.api import Model, chance, decision, param, terminal
from gametrees.builders.params import as_fraction, require
from gametrees.tree import Game

PLAYERS = ("Entrant", "Incumbent")
F = Fraction


@dataclass(frozen=True)
class EntryParams:
    """The parameters, exact rationals; ``__post_init__`` checks the model's assumptions."""

    p_tough: Fraction = param(F(1, 3), "probability that the incumbent is tough", "0 < p_tough < 1")
    monopoly: Fraction = param(
        F(4), "incumbent's profit if the entrant stays out", "monopoly > share"
    )
    share: Fraction = param(F(1), "each firm's profit if the incumbent accommodates", "share > 0")
    fight_cost: Fraction = param(F(1), "each firm's loss in a price war", "fight_cost > 0")
    toughness: Fraction = param(
        F(2), "a tough incumbent's payoff from fighting", "toughness > share"
    )

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, as_fraction(f.name, getattr(self, f.name)))
        require(0 < self.p_tough < 1, "p_tough", f"p_tough={self.p_tough} must be in (0, 1)")
        require(self.share > 0, "share", f"share={self.share} must be > 0")
        require(self.monopoly > self.share, "monopoly", f"monopoly={self.monopoly} must be > share")
        require(self.fight_cost > 0, "fight_cost", f"fight_cost={self.fight_cost} must be > 0")
        require(
            self.toughness > self.share, "toughness", f"toughness={self.toughness} must be > share"
        )


def build(p: EntryParams, grid: Sequence[Fraction] = ()) -> Game:
    """The tree: Nature's type, the entrant's move (one information set), the incumbent's."""

    def incumbent(t: str) -> object:
        fight = p.toughness if t == "tough" else -p.fight_cost
        return decision(
            "Incumbent",
            f"Incumbent {t}",
            [
                (
                    "fight",
                    terminal(PLAYERS, {"Entrant": -p.fight_cost, "Incumbent": fight}, f"{t} fight"),
                ),
                (
                    "accommodate",
                    terminal(PLAYERS, {"Entrant": p.share, "Incumbent": p.share}, f"{t} share"),
                ),
            ],
        )

    def entrant(t: str) -> object:
        return decision(
            "Entrant",
            "Entrant",
            [
                ("out", terminal(PLAYERS, {"Entrant": F(0), "Incumbent": p.monopoly}, f"{t} out")),
                ("enter", incumbent(t)),
            ],
        )

    root = chance(
        [("tough", p.p_tough, entrant("tough")), ("weak", 1 - p.p_tough, entrant("weak"))]
    )
    return Game(PLAYERS, root, title="Entry deterrence")


MODEL = Model(
    name="entry_deterrence",
    title="Entry deterrence with a tough or weak incumbent",
    reference="Selten (1978), Theory and Decision 9; Kreps & Wilson (1982), JET 27",
    players=PLAYERS,
    params_type=EntryParams,
    build=build,
)
