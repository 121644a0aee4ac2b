"""The claims Yoder & Cohen (2025) make about their two models, typed as MODEL.md transcribes them.

These are the claims under test: nothing here is used to build or solve anything. The
quantities are those ``gametrees.verify.yoder_cohen`` derives from the payoffs:
``support_cutoff`` (A's ``alpha`` at which supporting and abandoning tie),
``ally_cutoff`` (P's belief at which allying and not tie) and ``threshold(type, regime)``
(a type's lowest acceptable offer when P replies by ``regime``).
"""

from __future__ import annotations

from fractions import Fraction

from gametrees.builders.claims import (
    AtStakeClaim,
    BoundClaim,
    ClassClaim,
    FormulaClaim,
    Quantity,
    SignClaim,
)

__all__ = ["BASELINE", "CLIENT"]


def _t(t: str, regime: str) -> Quantity:
    return Quantity("threshold", (t, regime))


_COMMON = (
    FormulaClaim(
        "support cutoff alpha_star", "Specification; MODEL.md s1", "c/w", Quantity("support_cutoff")
    ),
    FormulaClaim(
        "P's alliance cutoff on beliefs",
        "Equilibrium analysis (q > u/w); MODEL.md s1",
        "u/w",
        Quantity("ally_cutoff"),
    ),
)

#: The baseline's printed thresholds (MODEL.md s1), Result 1 / footnote 38 and Result 2.
BASELINE = (
    *_COMMON,
    FormulaClaim(
        "PE: supporter's lowest acceptable offer, no alliance at stake",
        "Comparative statics; MODEL.md s1",
        "w - k_A/(phi*alpha_hi)",
        _t("hi", "none"),
    ),
    FormulaClaim(
        "PE: supporter's lowest acceptable offer, alliance at stake",
        "Comparative statics; MODEL.md s1",
        "w - k_A/(phi*alpha_hi) + (w*alpha_lo + u - c)/(phi*alpha_hi)",
        _t("hi", "reject"),
    ),
    FormulaClaim(
        "SE: abandoner's lowest acceptable offer, no alliance at stake",
        "Comparative statics (lost in the text extraction)",
        None,
        _t("lo", "none"),
    ),
    FormulaClaim(
        "SE: abandoner's lowest acceptable offer, alliance at stake",
        "Comparative statics (lost in the text extraction)",
        None,
        _t("lo", "reject"),
    ),
    SignClaim(
        "Result 1 / footnote 38: alliance at stake raises the supporter's threshold",
        "Results 1, 4; footnote 38",
        _t("hi", "reject"),
        _t("hi", "none"),
        1,
    ),
    SignClaim(
        "Result 1 / footnote 38: alliance at stake raises the abandoner's threshold",
        "Results 1, 4; footnote 38",
        _t("lo", "reject"),
        _t("lo", "none"),
        1,
    ),
    BoundClaim(
        "Result 2: for high w the supporter rejects every offer (threshold > 1)",
        "Result 2; footnote 40 (Proposition 3 not available)",
        _t("hi", "reject"),
        "w",
        True,
        Fraction(1),
    ),
    ClassClaim(
        "Footnote 45: rejection pooling needs P's prior to dictate no alliance",
        "footnote 45",
        "PE-reject",
        False,
        conditions=("q > u/w",),
    ),
    AtStakeClaim(
        "Alliance at stake in the separating equilibrium iff w >= u",
        "Equilibrium analysis; MODEL.md s1",
        "SE",
        "w >= u",
    ),
    AtStakeClaim(
        "Alliance at stake in an acceptance pooling equilibrium needs q <= u/w and w >= u "
        "(and P's off-path belief after rejection >= u/w)",
        "footnote 37; MODEL.md s1",
        "PE-accept",
        "(q <= u/w) & (w >= u)",
        necessary_only=True,
    ),
)

#: The extension's printed thresholds (MODEL.md s2), Result 4 and footnote 106.
CLIENT = (
    *_COMMON,
    FormulaClaim(
        "SE: supporter's lowest acceptable offer, no alliance at stake",
        "Extension, Results; MODEL.md s2",
        "z*w - (k_A + f*alpha_hi)/(phi*beta)",
        _t("hi", "none"),
    ),
    FormulaClaim(
        "SE: supporter's lowest acceptable offer, alliance at stake",
        "Extension, Results; MODEL.md s2",
        "z*w - (k_A + f*alpha_hi)/(phi*beta) - (u - c + w*alpha_hi)/(phi*beta)",
        _t("hi", "accept"),
    ),
    FormulaClaim(
        "PE: abandoner's lowest acceptable offer, no alliance at stake",
        "Extension, Results; MODEL.md s2",
        "z*w - (k_A + f*alpha_lo)/(phi*beta)",
        _t("lo", "none"),
    ),
    FormulaClaim(
        "PE: abandoner's lowest acceptable offer, alliance at stake",
        "Extension, Results; MODEL.md s2",
        "z*w - (k_A + f*alpha_lo)/(phi*beta) - u/(phi*beta)",
        _t("lo", "accept"),
    ),
    SignClaim(
        "Result 4: alliance at stake lowers the supporter's threshold",
        "Results 1, 4; footnote 38",
        _t("hi", "accept"),
        _t("hi", "none"),
        -1,
    ),
    SignClaim(
        "Result 4: alliance at stake lowers the abandoner's threshold",
        "Results 1, 4; footnote 38",
        _t("lo", "accept"),
        _t("lo", "none"),
        -1,
    ),
    BoundClaim(
        "Result 4: for large u the supporter accepts every offer (threshold < 0)",
        "Result 4; Proposition 6 (not available)",
        _t("hi", "accept"),
        "u",
        False,
        Fraction(0),
    ),
    ClassClaim(
        "Footnote 106: the extension has no rejection pooling equilibrium",
        "footnote 106",
        "PE-reject",
        False,
    ),
    AtStakeClaim(
        "Alliance at stake in the separating equilibrium iff w >= u",
        "Extension; MODEL.md s2",
        "SE",
        "w >= u",
    ),
    AtStakeClaim(
        "Alliance at stake in an acceptance pooling equilibrium needs q >= u/w "
        "(and P's off-path belief after rejection <= u/w)",
        "Extension; MODEL.md s2",
        "PE-accept",
        "q >= u/w",
        necessary_only=True,
    ),
)
