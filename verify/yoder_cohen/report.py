"""The verification report of one parameter point, as JSON and as Markdown."""

from __future__ import annotations

import dataclasses
from typing import Any

from gametrees.verify.yoder_cohen.conditions import ConditionRow
from gametrees.verify.yoder_cohen.run import Certification, LogitCheck, PathKey, VerifyResult

__all__ = ["certification_json", "conditions_json", "logit_json", "to_json", "to_markdown"]


def certification_json(row: Certification) -> dict[str, Any]:
    """One certification row as JSON (numbers as strings)."""
    return {
        "offer": str(row.offer),
        "class": str(row.eq_class),
        "violations": list(row.violations),
        "gambit_regret": None if row.gambit_regret is None else str(row.gambit_regret),
        "skipped": row.skipped,
    }


def conditions_json(row: ConditionRow) -> dict[str, Any]:
    """One class's conditions at the point as JSON."""
    return {
        "class": row.eq_class,
        "offer": str(row.offer),
        "offerer_value": str(row.offerer_value),
        "conditions": [
            {"condition": c.condition, "latex": c.latex, "holds": c.holds} for c in row.conditions
        ],
        "locally_feasible": row.locally_feasible,
        "found": row.found,
    }


def logit_json(lg: LogitCheck, *, timings: bool = True) -> dict[str, Any]:
    """The full-tree logit check as JSON; ``timings=False`` leaves out the float results
    (lambda and float regret vary between runs)."""
    doc: dict[str, Any] = {"offer": str(lg.offer), "class": str(lg.eq_class)}
    if timings:
        doc["lambda"] = lg.lam
        doc["float_regret"] = lg.float_regret
    doc.update(
        {
            "exact_regret_of_rounded_profile": str(lg.exact_regret),
            "stopped_short": lg.stopped_short,
            "flags": list(lg.flags),
            "path_is_a_PBE_path": lg.path_is_a_pbe_path,
        }
    )
    return doc


def _params(result: VerifyResult) -> dict[str, str]:
    return {f.name: str(getattr(result.params, f.name)) for f in dataclasses.fields(result.params)}


def to_json(result: VerifyResult, *, timings: bool = True) -> dict[str, Any]:
    """A JSON-ready dict: exact numbers as strings such as ``"3/10"``.

    ``timings=False`` leaves out the seconds, so reruns give identical bytes.
    """

    def path(key: PathKey) -> dict[str, Any]:
        return {
            "offer": str(key.offer),
            "supporter_accepts": key.accept_hi,
            "abandoner_accepts": key.accept_lo,
            "P_regime": key.regime,
            "offerer_payoff": str(key.offerer_payoff),
        }

    doc = {
        "model": result.model.name,
        "params": _params(result),
        "offers": [str(x) for x in result.offers],
        "agree": result.agree,
        "disagreements": list(result.disagreements),
        "notes": list(result.notes),
        "classes": {s: sorted(str(c) for c in cs) for s, cs in result.classes.items()},
        "classes_surviving": {
            name: sorted({str(e.eq_class) for e in result.pbes if result.survives(e)[name]})
            for name in result.refined
        },
        "paths": {s: [path(k) for k in sorted(ks)] for s, ks in result.paths.items()},
        "equilibria": [
            {
                "offer": str(e.offer),
                "class": str(e.eq_class),
                "supporter_accepts": e.path.accept_hi,
                "abandoner_accepts": e.path.accept_lo,
                "P_ally_after_accept": e.path.ally_accept,
                "P_ally_after_reject": e.path.ally_reject,
                "P_belief_after_accept": str(e.path.belief_accept),
                "P_belief_after_reject": str(e.path.belief_reject),
                "offerer_payoff": str(e.path.offerer_payoff),
                "deviation_bound": None if e.deviation_bound is None else str(e.deviation_bound),
                "survives": result.survives(e),
            }
            for e in result.pbes
        ],
        "formulas": [dataclasses.asdict(r) for r in result.formulas],
        "class_conditions": [conditions_json(r) for r in result.conditions],
        "certification": [certification_json(r) for r in result.certification],
    }
    if result.logit is not None:
        doc["full_tree_logit"] = logit_json(result.logit, timings=timings)
    if timings:
        doc["seconds"] = {k: round(v, 4) for k, v in result.seconds.items()}
    return doc


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(result: VerifyResult, *, timings: bool = True) -> str:
    """A Markdown report a reader can put next to the paper (``timings=False``: no seconds)."""
    out = [f"# Verification: {result.model.name}", ""]
    out.append(
        "**Verdict: the three sources agree.**"
        if result.agree
        else "**Verdict: the sources DISAGREE** (listed below)."
    )
    out += ["", "## Parameters", "", "| parameter | value |", "|---|---|"]
    out += [f"| `{k}` | {v} |" for k, v in _params(result).items()]
    out += [
        "",
        f"Offer grid ({len(result.offers)} offers): " + ", ".join(str(x) for x in result.offers),
        "",
    ]
    out += [
        "## Equilibrium classes by source",
        "",
        "| source | classes | PBE paths |",
        "|---|---|---|",
    ]
    for s, cs in result.classes.items():
        out.append(
            f"| {s} | {_cell(', '.join(sorted(str(c) for c in cs)) or 'none')} | {len(result.paths[s])} |"
        )
    out += [
        "",
        "## PBE paths (enumerator)",
        "",
        "| offer | class | supporter | abandoner | P after accept | P after reject | belief after accept | belief after reject | offerer payoff | best deviation | intuitive criterion | D1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for e in result.pbes:
        c = e.path
        out.append(
            f"| {e.offer} | {e.eq_class} | {'accept' if c.accept_hi else 'reject'} | "
            f"{'accept' if c.accept_lo else 'reject'} | {'ally' if c.ally_accept else 'not'} | "
            f"{'ally' if c.ally_reject else 'not'} | {c.belief_accept} | {c.belief_reject} | "
            f"{c.offerer_payoff} | {'-' if e.deviation_bound is None else e.deviation_bound} | "
            + " | ".join("survives" if ok else "fails" for ok in result.survives(e).values())
            + " |"
        )
    out += [
        "",
        "## The paper's formulas",
        "",
        "| formula | where | printed | derived | printed value | derived value | verdict | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in result.formulas:
        out.append(
            f"| {_cell(r.name)} | {_cell(r.where)} | `{_cell(r.printed)}` | `{_cell(r.derived)}` | "
            f"{r.printed_value} | {r.derived_value} | **{r.verdict}** | {_cell(r.note)} |"
        )
    if result.conditions:
        out += [
            "",
            "## Each class's closed-form conditions",
            "",
            "The cheapest offer x* that produces the class and whether the continuation there "
            "is sequentially rational (conditions from the derived thresholds and P's cutoff "
            "u/w). Whether the offerer then prefers x* to every deviation is what the PBE "
            "paths above decide.",
            "",
            "| class | x* | offerer's payoff at x* | conditions | locally feasible | PBE found |",
            "|---|---|---|---|---|---|",
        ]
        for row in result.conditions:
            conds = "; ".join(
                f"{c.condition}: {'yes' if c.holds else 'no'}" for c in row.conditions
            )
            out.append(
                f"| {row.eq_class} | {row.offer} | {row.offerer_value} | {_cell(conds)} | "
                f"{'yes' if row.locally_feasible else 'no'} | {'yes' if row.found else 'no'} |"
            )
    if result.certification:
        out += [
            "",
            "## Certification on the full tree",
            "",
            "| offer | class | our certifier | Gambit agent regret |",
            "|---|---|---|---|",
        ]
        for row in result.certification:
            ours = (
                "skipped: " + row.skipped
                if row.skipped
                else (
                    "sequentially rational" if not row.violations else "; ".join(row.violations[:3])
                )
            )
            out.append(f"| {row.offer} | {row.eq_class} | {_cell(ours)} | {row.gambit_regret} |")
    if result.logit is not None:
        lg = result.logit
        out += [
            "",
            "## Gambit's agent logit on the full tree",
            "",
            f"Selected offer {lg.offer} ({lg.eq_class}); exact agent regret of the rounded "
            f"profile {lg.exact_regret}; its path is "
            f"{'a' if lg.path_is_a_pbe_path else 'NOT a'} PBE path found above."
            + (f" Flags: {'; '.join(lg.flags)}." if lg.flags else ""),
        ]
    if result.disagreements:
        out += ["", "## Disagreements", ""] + [f"- {_cell(d)}" for d in result.disagreements]
    if result.notes:
        out += ["", "## Notes", ""] + [f"- {_cell(n)}" for n in result.notes]
    if timings:
        out += ["", "## Timings (s)", ""] + [f"- {k}: {v:.3f}" for k, v in result.seconds.items()]
    return "\n".join(out) + "\n"
