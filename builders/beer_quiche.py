"""The beer-quiche signaling game (Cho & Kreps 1987, "Signaling Games and Stable
Equilibria", *QJE* 102(2), section II), the textbook example of the generic builder API.

Nature makes the sender (player 1) ``strong`` with probability ``p_strong`` (0.9 in the
paper) or ``weak``. The sender, knowing its type, has ``beer`` or ``quiche`` for
breakfast. The receiver (player 2) sees the breakfast, not the type, and ``duel``s or
does ``not``. Sender: ``bonus`` (1) for its favourite breakfast (beer if strong, quiche
if weak) plus ``escape`` (2) if there is no duel. Receiver: 1 for dueling a weak sender
or leaving a strong one alone, 0 otherwise.

Known equilibria with ``p_strong > 1/2``: two sets of pooling equilibria, "both have
beer" (the receiver duels after quiche with belief weak >= 1/2) and "both have quiche"
(duel after beer with belief weak >= 1/2); only the beer pooling survives the intuitive
criterion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from fractions import Fraction

from gametrees.builders.api import Model, chance, decision, param, terminal
from gametrees.builders.claims import PathClaim
from gametrees.builders.params import as_fraction, require
from gametrees.tree import Game

__all__ = ["PLAYERS", "BeerQuicheParams", "build", "MODEL"]

PLAYERS = ("Sender", "Receiver")
F = Fraction


@dataclass(frozen=True)
class BeerQuicheParams:
    """Parameters of beer-quiche; the defaults are Cho & Kreps' numbers."""

    p_strong: Fraction = param(F(9, 10), "prior that the sender is strong", "0 < p_strong < 1")
    bonus: Fraction = param(F(1), "sender's gain from its favourite breakfast", "bonus > 0")
    escape: Fraction = param(F(2), "sender's gain from avoiding a duel", "escape > bonus")

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(self, f.name, as_fraction(f.name, getattr(self, f.name)))
        require(0 < self.p_strong < 1, "p_strong", f"p_strong={self.p_strong} must be in (0, 1)")
        require(self.bonus > 0, "bonus", f"bonus={self.bonus} must be > 0")
        require(
            self.escape > self.bonus,
            "escape",
            f"escape={self.escape} must be > bonus = {self.bonus}",
        )


def build(p: BeerQuicheParams, grid: Sequence[Fraction] = ()) -> Game:
    """The beer-quiche tree (``grid`` is ignored: the game has no continuous choice)."""
    favourite = {"strong": "beer", "weak": "quiche"}

    def leaf(t: str, food: str, duel: bool) -> object:
        sender = (p.bonus if food == favourite[t] else 0) + (0 if duel else p.escape)
        receiver = F(1) if duel == (t == "weak") else F(0)
        return terminal(
            PLAYERS,
            {"Sender": F(sender), "Receiver": receiver},
            outcome=f"{t} {food} {'duel' if duel else 'not'}",
        )

    def sender(t: str) -> object:
        return decision(
            "Sender",
            f"Sender {t}",
            [
                (
                    food,
                    decision(
                        "Receiver",
                        f"Receiver after {food}",
                        [("duel", leaf(t, food, True)), ("not", leaf(t, food, False))],
                    ),
                )
                for food in ("beer", "quiche")
            ],
        )

    root = chance(
        [("strong", p.p_strong, sender("strong")), ("weak", 1 - p.p_strong, sender("weak"))]
    )
    return Game(PLAYERS, root, title="Beer-quiche (Cho and Kreps 1987)")


MODEL: Model[BeerQuicheParams] = Model(
    name="beer_quiche",
    title="Beer-quiche signaling game (Cho & Kreps 1987)",
    reference="Cho & Kreps (1987), Quarterly Journal of Economics 102(2), 179-221, section II",
    players=PLAYERS,
    params_type=BeerQuicheParams,
    build=build,
    claims=(
        PathClaim(
            "A PBE in which both types have beer exists",
            "Cho & Kreps (1987), section II",
            (("Sender strong", "beer"), ("Sender weak", "beer")),
            conditions=("p_strong > 1/2",),
        ),
        PathClaim(
            "A PBE in which both types have quiche exists",
            "Cho & Kreps (1987), section II",
            (("Sender strong", "quiche"), ("Sender weak", "quiche")),
            conditions=("p_strong > 1/2",),
        ),
        PathClaim(
            "Pooling on quiche fails the intuitive criterion",
            "Cho & Kreps (1987), section IV",
            (("Sender strong", "quiche"), ("Sender weak", "quiche")),
            criterion="intuitive criterion",
            survives=False,
            conditions=("p_strong > 1/2",),
        ),
        PathClaim(
            "Pooling on beer survives the intuitive criterion",
            "Cho & Kreps (1987), section IV",
            (("Sender strong", "beer"), ("Sender weak", "beer")),
            criterion="intuitive criterion",
            survives=True,
            conditions=("p_strong > 1/2",),
        ),
    ),
)
