"""Exact perfect Bayesian equilibria of any finite extensive-form game with perfect recall.

``solve_pbe(game) -> PBEResult`` lists every pure PBE, by path, in exact rationals, with
the exact sets of off-path beliefs that support it, the continuation equilibria allowed
after every off-path public move, mixed equilibria from Gambit where its exact solvers
apply, and the intuitive criterion and D1 wherever a continuation is a sender-receiver
game (:mod:`gametrees.verify.refine`). ``pbe_to_json(result, game)`` writes it as JSON
data.

Solution concept
----------------
An *assessment* is a behaviour profile ``sigma`` (a probability distribution over the
actions of every information set) and a belief ``mu`` (a distribution over the member
nodes of every information set). It is a **perfect Bayesian equilibrium** here when

1. *sequential rationality*: at every information set, reached or not, every action
   played with positive probability maximises the mover's expected payoff given the
   belief there and ``sigma`` everywhere below;
2. *Bayes' rule within blocks*: the tree is split into **blocks** (below); each block has
   a starting belief ``nu`` over its root nodes, and at every information set that is
   reached with positive probability from ``nu`` under ``sigma``, ``mu`` is given by
   Bayes' rule from ``nu``. At sets no play from ``nu`` reaches, ``mu`` is free.

This is weak PBE (Mas-Colell, Whinston & Green 1995, *Microeconomic Theory*, def. 9.C.3)
strengthened as in Fudenberg & Tirole (1991, *Game Theory*, s. 8.2: Bayes' rule after
every observed deviation in multi-stage games with observed actions) and Osborne &
Rubinstein (1994, *A Course in Game Theory*, s. 12.2), in the generic form below:

* A move ``(I, a)`` -- information set ``I``, action ``a`` -- is **public** when every
  information set that contains a node after ``(I, a)`` contains only nodes after
  ``(I, a)``: the continuation after ``(I, a)`` is closed, everyone later knows that ``a``
  was played at ``I``.
* A block starts at the root (``nu`` = the root); at every proper subgame (a node whose
  subtree is closed; ``nu`` = that node); and after every public move ``(I, a)`` whose
  starting belief is **pinned**: the paths inside the enclosing block from its roots to
  the members of ``I`` meet only Nature (with positive probabilities) and moves of
  ``I``'s own player, the same moves for every member. Then ``nu`` is the enclosing
  block's ``nu`` times Nature's probabilities, normalised -- the belief at ``I`` computed
  from the prior and the *others'* strategies. It does not depend on whether ``a`` is
  played: **after a publicly observed deviation the continuation starts from the prior
  and the others' strategies**, and within it beliefs follow Bayes' rule wherever
  possible. A public move whose belief is not pinned (another player moved in between)
  does not start a block; the sets after it belong to the enclosing block.

In the Yoder & Cohen games R's offer ``x`` is public and pinned (only Nature moves before
it): the continuation after every offer, on or off the path, starts from R's prior (the
game's chance probabilities), so after an off-path offer P's belief after a response that
some type sends is Bayes' rule from the prior; only a response no type sends leaves P's
belief free -- exactly the rule of :mod:`gametrees.verify.yoder_cohen.enumerate`.

Algorithm
---------
1. Refuse games without perfect recall (:class:`ImperfectRecall`, naming the set and the
   two histories) and strategic-form games (:class:`NotATree`).
2. Decompose into blocks; prune actions no sequentially rational assessment plays
   (backward induction at singleton sets with exact interval bounds on continuation
   values; node-wise dominance at larger sets). Count the pure profiles per block and
   refuse (:class:`TooLarge`, with the estimate) before any solving if one exceeds
   ``max_profiles``.
3. Solve blocks bottom-up. A block's pure equilibria: every pure profile of its sets,
   against every combination of the equilibria of its child blocks on the path, with the
   off-path children's choices grouped into jointly constrained components whose allowed
   joint choices are enumerated exactly (:mod:`gametrees.verify.pbe.pure`); off-path
   beliefs come from exact LPs (:mod:`gametrees.verify.lp`). Its mixed equilibria:
   Gambit's ``enummixed`` (two players, exact) or ``enumpoly`` (more players, floating
   point, re-verified exactly), filtered by sequential rationality
   (:mod:`gametrees.verify.pbe.mixed`); they serve as off-path punishments above.
4. The paths of the root block's equilibria are the result; each carries a representative
   full assessment, the number of full assessments, lazy enumeration of them, and its
   refinements.

Completeness: the pure PBE (pure at every set, on and off the path) are all listed
(``PBEResult.complete``). Paths that need a mixed off-path continuation are listed as far
as the mixed continuation equilibria found allow (for two players: the sequentially
rational extreme Nash equilibria of the block; non-extreme ones are not sought).

JSON schema (``pbe_to_json``)
-----------------------------
Rationals are strings ``"p/q"`` (or ``"n"``). ``KEY`` is ``"<player>/<n>"``: the player's
``n``-th information set, numbered from 1 in order of first appearance in the depth-first
pre-order of the tree (the ``.efg`` order for files gametrees writes). Nodes are named
``root/"a"/"b"`` by the action labels from the root. ``ACTION`` is an action label::

    {
      "schema": "gametrees.pbe/1",
      "method": str, "exact": true, "concept": str, "parameters": {name: value},
      "players": [str],
      "complete": bool,              # every pure PBE is listed
      "complete_reason": str,
      "infosets": {KEY: {"name": str, "player": str, "members": [node], "actions": [ACTION]}},
      "blocks": [{"index": int, "start": str, "roots": [node], "start_belief": ["p/q"],
                  "players": [str], "infosets": [KEY], "pure_profiles": int,
                  "pure_equilibria": int, "mixed_equilibria": int, "mixed_method": str,
                  "mixed_note": str, "sender_receiver": bool,
                  "not_sender_receiver_because": str | null}],
      "equilibria": [                # one per path; a representative full assessment
        {"index": int,
         "behavior": {KEY: {ACTION: "p/q"}},
         "beliefs": {KEY: BELIEF},
         "on_path": {KEY: bool},     # reached with positive probability in the game
         "payoffs": {player: "p/q"},
         "pure": bool,               # this assessment is pure
         "infoset_names": {KEY: str},# the game's own information-set names
         "path_pure": bool, "pure_equilibrium": bool, "on_path_blocks_pure": bool,
         "assessments": int,         # number of full assessments with this path
         "off_path": [{"after": str, "options": int, "pure_options": int,
                       "shared_with": [str]}],
         "refinements": {"intuitive criterion": VERDICT, "D1": VERDICT},
         "alternatives": [ASSESSMENT]   # only with assessments_per_path > 1
        }],
      "mixed": {"method": str, "exact": bool, "complete": bool, "reason": str,
                "equilibria": [ASSESSMENT + {"refinements": {...}}]}
    }

``BELIEF`` lists one probability per member node, members in pre-order:

* ``{"point": ["p/q", ...]}`` -- Bayes' rule applies (the set is reached from the start
  of its block; this includes sets off the game's path inside an off-path block) or the
  set is a single node;
* ``{"interval": ["lo", "hi"]}`` -- a two-node set where Bayes' rule does not apply: the
  first member's probability ``t`` may be anything in ``[lo, hi]`` (the second has
  ``1 - t``);
* ``{"vertices": [["p/q", ...], ...]}`` -- a larger such set: the convex hull;
* ``{"halfspaces": [["p/q", ...], ...]}`` -- a set too large for vertex enumeration: the
  probability vectors ``mu`` with ``g . mu >= 0`` for every row ``g``.

``VERDICT`` is ``{"status": "survives" | "fails" | "not applicable", "reason": str}``.
``ASSESSMENT`` has the keys ``behavior``, ``beliefs``, ``on_path``, ``payoffs``, ``pure``,
``infoset_names`` as above.
"""

from gametrees.verify.pbe.export import SCHEMA, pbe_to_json
from gametrees.verify.pbe.result import (
    Assessment,
    BeliefSet,
    BlockSummary,
    ImperfectRecall,
    MixedResult,
    NotATree,
    OffPathContinuation,
    PBEPath,
    PBERefusal,
    PBEResult,
    TooLarge,
)
from gametrees.verify.pbe.solve import CONCEPT, solve_pbe

__all__ = [
    "CONCEPT",
    "SCHEMA",
    "Assessment",
    "BeliefSet",
    "BlockSummary",
    "ImperfectRecall",
    "MixedResult",
    "NotATree",
    "OffPathContinuation",
    "PBEPath",
    "PBERefusal",
    "PBEResult",
    "TooLarge",
    "pbe_to_json",
    "solve_pbe",
]
