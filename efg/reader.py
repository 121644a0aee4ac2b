"""Read a Gambit extensive-form (``.efg``, format ``EFG 2 R`` or ``EFG 2 D``) file into a
:class:`gametrees.tree.Game`.

The reader accepts the language of Gambit 16.7's own reader (``src/games/file.cc``,
``ReadEfgFile``) and reads every file it accepts as the same game Gambit reads, or refuses
it with :class:`EfgError`, ``file:line: reason``, e.g.
``game.efg:12: expected a number after action "a", got '{'``. It refuses more than Gambit
only where Gambit would read something other than what the text appears to say, or where
the game model cannot hold what Gambit reads; those cases are listed below (each refusal
of that kind carries the list's key in :attr:`EfgError.strictness`). Numbers become exact
:class:`fractions.Fraction` values (``3``, ``-1/3``, ``0.25``, ``1e-3``); no float is
ever involved. Reading takes time linear in the size of the file and does not recurse.

The format, as Gambit 16.7 reads it::

    EFG 2 R "title" { "P1" "P2" }
    "optional comment"
    c "node" 1 "set" { "a" 1/2 "b" 1/2 } 0
    p "node" 1 1 "set" { "x" "y" } 0
    t "node" 1 "outcome" { 1, -2 }

Tokens are separated by ASCII whitespace (space, tab, newline, carriage return, vertical
tab, form feed; nothing else is whitespace); ``{``, ``}``, ``,`` and quoted strings
(``\\"`` for a quote) need no separation. Nodes come in depth-first pre-order. After a
``c`` or ``p`` node's information-set number the set's label and action list may be given,
or omitted when the set was already defined; after every node comes an outcome number
(``0``: none), optionally followed by the outcome's label and payoffs (one comma after each
payoff is optional). An outcome number given with its data once may be referenced by number
alone later (``t "" 3``); ``t "" 3 "label"`` without payoffs is an error, as in Gambit.
Numbers are ``-?D+``, ``-?D+.D*``, ``-.D+`` (each with an optional exponent ``[eE]-?D+``),
``.D+`` and ``-?D+/D+`` (a non-zero denominator), D an ASCII digit; there is no ``+``.

Rules Gambit 16.7 enforces, and so does this reader: a set's or action's label, a node label,
and a player name or outcome label after the renaming below, is empty or printable ASCII
with single inner spaces only (no leading, trailing or double space, no tab); non-empty
node labels are unique in the game; non-empty information-set labels are unique among a
player's sets (and among chance's); a set given again must repeat its label, actions and
(as text) probabilities; an outcome given again must repeat its label and (as text)
payoffs; chance probabilities are non-negative and sum to exactly 1; no player is named
``Chance``.

Documented strictness: input Gambit 16.7 reads, refused here (key of
:data:`STRICTNESS`, then an example Gambit reads):

* ``index-syntax`` -- a player, information-set or outcome number that is not plain ASCII
  digits. Gambit reads its leading integer: ``t "" 2/2`` is outcome 2, ``1e5`` is 1,
  ``0.5`` is 0, ``+1`` is 1, ``-1`` a separate outcome -1, a chance set ``-`` is set 0.
* ``index-range`` -- a chance information-set number above 2147483647: Gambit wraps it
  (``c "" 4294967297`` is chance set 1). Other numbers that large Gambit refuses too.
* ``number-syntax`` -- a payoff or probability with no digits (``-``, ``.``, ``-.``,
  ``-/2``: Gambit reads 0) or an exponent with no digits (``1e-``: Gambit reads 1).
* ``glued-number`` -- a number followed by anything but whitespace, ``{``, ``}``, ``,``
  or ``"``. Gambit splits it: ``{ 1.2.3 }`` is the payoffs 1.2 and .3, ``1-2`` is 1 and -2,
  ``0t ""`` is outcome 0 then a terminal, ``EFG 2R`` is ``EFG 2 R``.
* ``exponent-range`` -- an exponent beyond +-1000 (``1e5000``): Gambit multiplies by ten
  that many times (100,000 takes it seconds); the number would be huge.
* ``number-size`` -- a number with more than :data:`MAX_NUMBER_DIGITS` digits. Gambit reads
  numbers of any length; so does this reader up to that bound (exactly, beyond Python's
  4,300-digit ``int``/``str`` limit), which keeps reading a hostile file fast.
* ``node-type`` -- a node type other than an unquoted ``c``, ``p`` or ``t``: Gambit looks
  at the text of the last token, so ``"t" "" 1 ...`` is a terminal, and so is ``{`` after
  a player named ``"t"`` with no comment.
* ``trailing-text`` -- anything after the last node (Gambit reads one token after the
  tree and ignores the rest): ``t "" 0 junk``.
* ``no-players`` -- an empty player list ``{ }`` (the model needs a player).
* ``backslash`` -- a backslash in a label or title other than in ``\\"``: Gambit keeps
  ``\\x`` as the two characters but cannot write such a label back unchanged. (In the
  comment, which is free text, a backslash is kept as Gambit keeps it.)
* ``title`` -- a title that is not printable ASCII (a tab, newline or ``é``): Gambit does not
  check the title; the model requires printable ASCII, as for every label.
* ``not-utf8`` -- (files only) bytes that are not UTF-8: Gambit reads bytes.
* ``file-size`` -- (files only) a file of more than :data:`MAX_FILE_BYTES` bytes, or a
  device: :func:`read_efg_file` reads at most that many bytes and never from a character
  or block device (``/dev/zero``).

Beyond that, this reader reads some files Gambit 16.7 cannot: Gambit's reader recurses
once per tree level and crashes (a stack overflow, no error) on deep trees, e.g. a chain
20,000 decisions deep, which this reader reads.

How Gambit's model is mapped onto :class:`~gametrees.tree.Game`:

* **Information-set names.** The model names a set by a string unique in the game. A
  player's set ``(player, number)`` is named by its label when that label is non-empty
  and used by no other ``(player, number)`` pair (of any player); otherwise it is named
  ``"<player name>:<number>"`` (with ``_1``, ``_2``, ... appended in the unlikely case
  that this clashes with another set's name). Chance sets keep their label: the model
  gives every unlabelled chance node its own set (one chance set shared by several
  nodes is strategically the same as one set per node).
* **Labels Gambit normalizes.** Like Gambit 16.7's reader, empty or repeated player
  names, action labels within a set and outcome labels are made unique and non-empty:
  a label used more than once, or empty, becomes ``label_1``, ``label_2``, ... (``_1``,
  ``_2``, ... for empty ones), skipping labels already in use.
* **Outcomes.** Payoffs live on terminals in the model. An outcome attached to a
  non-terminal node is folded in: its payoffs are added to every terminal below it.
  Such a terminal's outcome label joins the labels of the outcomes on its path with
  ``+`` (e.g. ``"Outcome 1+Outcome 5"``), so terminals share an outcome exactly when
  they share the same outcomes along their paths. A terminal with outcome ``0`` and no
  outcome above it has zero payoffs and no outcome label.

For a file this package wrote, ``write_efg(read_efg(text)) == text``.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path

from gametrees.tree import Chance, Decision, Game, GameError, Terminal, check_label, validate

__all__ = [
    "MAX_EXPONENT",
    "MAX_FILE_BYTES",
    "MAX_NUMBER_DIGITS",
    "STRICTNESS",
    "EfgError",
    "normalize_labels",
    "read_efg",
    "read_efg_file",
]

#: Largest file :func:`read_efg_file` reads, in bytes (64 MiB: the baseline model at
#: 10,000 offers is about 15 MB).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Most digits a number may have (numerator and denominator, or mantissa, together).
MAX_NUMBER_DIGITS = 100_000
#: Largest absolute value of a decimal exponent (``1e1000``).
MAX_EXPONENT = 1000
#: Largest index (player, information-set or outcome number): Gambit's ``int``.
MAX_INDEX = 2**31 - 1

#: The documented strictness: input Gambit 16.7 reads that this reader refuses, by key.
STRICTNESS: dict[str, str] = {
    "index-syntax": "a player, information-set or outcome number not written as plain digits",
    "index-range": "a chance information-set number above 2147483647 (Gambit wraps it)",
    "number-syntax": "a payoff or probability without digits, or an exponent without digits",
    "glued-number": "a number directly followed by other text (Gambit splits it)",
    "exponent-range": f"an exponent beyond +-{MAX_EXPONENT}",
    "number-size": f"a number with more than {MAX_NUMBER_DIGITS} digits",
    "node-type": "a node type other than an unquoted c, p or t",
    "trailing-text": "text after the last node",
    "no-players": "an empty player list",
    "backslash": 'a backslash in a string other than in \\"',
    "title": "a title that is not printable ASCII",
    "not-utf8": "a file that is not UTF-8",
    "file-size": f"a file of more than {MAX_FILE_BYTES} bytes, or a device",
}


class EfgError(ValueError):
    """A malformed or refused ``.efg`` input.

    Attributes
    ----------
    reason : str
        What is wrong, without the location.
    line : int
        The 1-based line of the offending token.
    source : str
        The name of the input (a path, or ``"<string>"``).
    strictness : str or None
        A key of :data:`STRICTNESS` when Gambit 16.7 might read this input although this
        reader refuses it; ``None`` when Gambit refuses it too.
    """

    def __init__(
        self,
        message: str,
        line: int,
        source: str = "<string>",
        *,
        strictness: str | None = None,
    ) -> None:
        self.reason = message
        self.line = line
        self.source = source
        self.strictness = strictness
        super().__init__(f"{source}:{line}: {message}")


# --------------------------------------------------------------------------- tokens

_WS = " \t\n\r\v\f"  # C's isspace() in the "C" locale: Gambit's whitespace
_DELIM = _WS + '{},"'
_NUM = (
    r"(?:-?+[0-9]++(?:/[0-9]++|\.[0-9]*+(?:[eE]-?+[0-9]++)?+|[eE]-?+[0-9]++)?+"
    r"|-\.[0-9]++(?:[eE]-?+[0-9]++)?+|\.[0-9]++)"
)
# One token per match, the token in group 1; every character of the text is covered, so
# findall() splits the whole text in one C-level pass. Alternatives: a string, a brace or
# comma, a well-formed number ending at a delimiter, anything else starting like a number
# (an error), an unterminated string (an error), a symbol (up to whitespace, as Gambit
# reads it), and the empty match at the end.
_LEX = re.compile(
    rf"[{_WS}]*+("
    r'"[^"\\]*+(?:\\[\s\S][^"\\]*+)*+"'
    r"|[{},]"
    rf"|{_NUM}(?=[{_DELIM}]|\Z)"
    rf"|[-+.0-9][^{_DELIM}]*+"
    r'|"[\s\S]*+'
    rf"|[^{_WS}]++"
    r"|\Z)"
)
_NUMBER = re.compile(r"(-?)([0-9]*)(?:/([0-9]+)|\.([0-9]*))?(?:[eE](-?)([0-9]+))?")
_GAMBIT_LABEL = re.compile(r"(?:[!-~]++(?: [!-~]++)*+)?")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_NUMBER_START = frozenset("-+.0123456789")


def _describe(tok: str) -> str:
    """How a token is named in an error message."""
    if not tok:
        return "end of file"
    if tok[0] == '"' and len(tok) > 1 and tok[-1] == '"':
        return f"the string {tok}" if len(tok) <= 60 else f'the string {tok[:50]}..."'
    return repr(tok) if len(tok) <= 60 else repr(tok[:50] + "...")


def _digits_to_int(digits: str) -> int:
    """``int(digits)`` for any length (Python refuses more than 4,300 digits)."""
    if len(digits) <= 4000:
        return int(digits)
    k = len(digits) // 2
    return _digits_to_int(digits[:-k]) * 10**k + _digits_to_int(digits[-k:])


def _show(value: Fraction) -> str:
    """A number for an error message: exact, or its size when it is very long."""
    if value.numerator.bit_length() + value.denominator.bit_length() < 1000:
        return str(value)
    return f"(a number of about {int(value.numerator.bit_length() * 0.30103)} digits)"


def _gambit_number_prefix(tok: str) -> str:
    """The number token Gambit 16.7's tokenizer reads at the start of ``tok`` (which starts
    with a digit, ``-``, ``+`` or ``.``); only used to explain an error."""
    m = re.match(r"[-+0-9][0-9]*(?:\.[0-9]*(?:[eE][-+0-9][0-9]*)?|/[0-9]*|[eE][-+0-9][0-9]*)?", tok)
    if m is None:
        m = re.match(r"\.[0-9]*", tok)
    assert m is not None
    return m.group(0)


def _gambit_rational_ok(text: str) -> bool:
    """Whether Gambit 16.7's ``lexical_cast<Rational>`` accepts ``text`` (a number token)."""
    m = re.fullmatch(r"-?[0-9]*(?:/([0-9]*)|\.[0-9]*(?:[eE]-?[0-9]*)?|[eE]-?[0-9]*)?", text)
    if m is None:
        return False
    den = m.group(1)
    return den is None or (den != "" and int(den) != 0)


class _Reader:
    """Error reporting over the token list; lines are computed only for an error.

    ``toks`` is the parser's token list, in which string tokens with escapes have been
    replaced by ``'"' + value + '"'`` and malformed string tokens by a marker; ``bad``
    keeps the original text of the latter, by token index.
    """

    def __init__(self, text: str, source: str, toks: list[str], ntok: int) -> None:
        self.text = text
        self.source = source
        self.toks = toks
        self.ntok = ntok
        self.bad: dict[int, str] = {}

    def line(self, k: int) -> int:
        """The 1-based line of token ``k`` (the last token's line for end of file)."""
        if self.ntok == 0:
            return 1
        k = min(k, self.ntok - 1)
        for i, m in enumerate(_LEX.finditer(self.text)):
            if i == k:
                return self.text.count("\n", 0, m.start(1)) + 1
        raise AssertionError("token index out of range")  # pragma: no cover

    def error(self, k: int, message: str, strictness: str | None = None) -> EfgError:
        return EfgError(message, self.line(k), self.source, strictness=strictness)

    def number_error(self, k: int, what: str, after: str) -> EfgError:
        """The error for token ``k`` where a payoff or probability was expected."""
        tok = self.toks[k]
        if tok[:1] not in _NUMBER_START:
            return self.error(k, f"expected {what} after {after}, got {_describe(tok)}")
        prefix = _gambit_number_prefix(tok)
        if prefix != tok:
            return self.error(k, f"malformed number {_describe(tok)}", "glued-number")
        return self.error(
            k,
            f"malformed number {_describe(tok)}",
            "number-syntax" if _gambit_rational_ok(tok) else None,
        )

    def index(
        self,
        k: int,
        what: str,
        after: str | Callable[[], str],
        lowest: int,
        *,
        chance: bool = False,
    ) -> int:
        """The value of index token ``k`` (slow path: errors, 10-digit numbers); ``after``
        (or what it returns) names the token before, for a message."""
        tok = self.toks[k]
        if tok.isascii() and tok.isdigit():
            if len(tok) > 10 or int(tok) > MAX_INDEX:
                raise self.error(
                    k,
                    f"{what} {_describe(tok)} is too large (at most {MAX_INDEX})",
                    "index-range" if chance else None,
                )
            value = int(tok)
            if value < lowest:
                raise self.error(k, f"{what} must be an integer >= {lowest}, got {tok!r}")
            return value
        if tok[:1] not in _NUMBER_START:
            article = "an" if what[0] in "aeiou" else "a"
            where = after() if callable(after) else after
            raise self.error(k, f"expected {article} {what} after {where}, got {_describe(tok)}")
        prefix = _gambit_number_prefix(tok)
        if prefix != tok:
            raise self.error(k, f"malformed number {_describe(tok)}", "glued-number")
        # Gambit reads the leading integer (std::stoi, or atoi for chance sets)
        readable = chance or re.match(r"[-+]?[0-9]", tok) is not None
        raise self.error(
            k,
            f"{what} must be an integer >= {lowest} written with the digits 0-9 only, got {tok!r}",
            "index-syntax" if readable else None,
        )


class _StringError(Exception):
    def __init__(self, message: str, strictness: str | None = None) -> None:
        self.message = message
        self.strictness = strictness


def _unescape(tok: str) -> str:
    """The value of string token ``tok`` (``\\"`` is a quote); raise :class:`_StringError`
    for an unterminated string or another backslash."""
    out: list[str] = []
    pos, n = 1, len(tok)
    while True:
        if pos >= n:
            raise _StringError("unterminated string (no closing '\"')")
        c = tok[pos]
        if c == '"':
            if pos != n - 1:  # pragma: no cover - the tokenizer ends strings here
                raise AssertionError("string token with text after its closing quote")
            return "".join(out)
        if c == "\\":
            after = tok[pos + 1 : pos + 2]
            if after == '"' and pos + 2 < n:
                out.append('"')
                pos += 2
                continue
            if after in ('"', ""):  # the escaped quote ends the file
                raise _StringError("unterminated string (no closing '\"')")
            raise _StringError(
                'backslash in a string: only \\" is supported (Gambit cannot '
                "round-trip other backslashes)",
                "backslash",
            )
        out.append(c)
        pos += 1


def _comment_text(tok: str) -> str | None:
    """The comment string token ``tok`` read as Gambit reads it -- ``\\"`` is a quote and any
    other backslash is kept with the character after it -- or ``None`` if it is not a
    complete string. Comments are free text (LaTeX in Gambit's own catalogue has ``\\neg``);
    labels keep the stricter rule."""
    if _STRING.fullmatch(tok) is None:
        return None
    return tok[1:-1].replace('\\"', '"')


def _label_problem(label: str) -> str | None:
    """Why Gambit 16.7 refuses ``label`` (``None`` if it accepts it)."""
    if _GAMBIT_LABEL.fullmatch(label) is not None:
        return None
    bad = [ch for ch in label if not " " <= ch <= "~"]
    if bad:
        return f"has a character outside printable ASCII: {bad[0]!r}"
    if label.startswith(" ") or label.endswith(" "):
        return "begins or ends with a space"
    return "has two consecutive spaces"


# --------------------------------------------------------------------------- parse

_ZERO = Fraction(0)
_BAD_STRING = "\x00"  # stands for a malformed string token in the parser's token list
_STRING = re.compile(r'"[^"\\]*+(?:\\[\s\S][^"\\]*+)*+"')


class _Set:
    """An information set as read: ``key`` is ``player << 32 | number`` (player 0: chance)."""

    __slots__ = ("key", "label", "actions", "probs", "texts", "tok", "names", "name", "player")

    def __init__(
        self,
        key: int,
        label: str,
        actions: tuple[str, ...],
        probs: tuple[Fraction, ...],
        texts: tuple[str, ...],
        tok: int,
    ) -> None:
        self.key = key
        self.label = label
        self.actions = actions
        self.probs = probs
        self.texts = texts
        self.tok = tok
        self.names = actions  # the action labels as Gambit renames them (set in build)
        self.name = label  # the model's name of the set (set in build)
        self.player = ""


def _set_name(key: int) -> str:
    player, number = key >> 32, key & 0xFFFFFFFF
    return f"{number} of chance" if player == 0 else f"{number} of player {player}"


_KIND = {"c": "chance node", "p": "player node", "t": "terminal node"}


class _Parser:
    """Recursive-descent parser (iterative over the tree) over the token list."""

    def __init__(self, text: str, source: str) -> None:
        m = _SURROGATE.search(text)
        if m is not None:
            line = text.count("\n", 0, m.start()) + 1
            raise EfgError("the text has a lone surrogate (it is not Unicode text)", line, source)
        toks = _LEX.findall(text)
        while toks and not toks[-1]:
            toks.pop()
        ntok = len(toks)
        self.r = r = _Reader(text, source, toks, ntok)
        # Resolve escapes once, so the parser's test for a string is tok[:1] == '"' and its
        # value tok[1:-1]. Only the last token can be an unterminated string.
        last_bad = ntok and toks[-1][:1] == '"' and _STRING.fullmatch(toks[-1]) is None
        if "\\" in text or last_bad:
            for k, tok in enumerate(toks):
                if tok[:1] == '"' and ("\\" in tok or (k == ntok - 1 and last_bad)):
                    try:
                        toks[k] = '"' + _unescape(tok) + '"'
                    except _StringError:
                        toks[k] = _BAD_STRING
                        r.bad[k] = tok
        toks.extend([""] * 8)  # end of file, as often as any read ahead needs
        # a tuple of str objects is untracked by the cyclic GC: its millions of items are
        # then not traversed again at every full collection while the tree is built
        self.toks = r.toks = tuple(toks)
        self.source = source
        self.numbers: dict[str, Fraction] = {}
        self.ints: dict[str, int] = {}

    def string_error(self, k: int, what: str, after: str) -> EfgError:
        """The error for token ``k`` where a string was expected."""
        r = self.r
        tok = r.bad.get(k)
        if tok is None:
            return r.error(k, f"expected {what} after {after}, got {_describe(self.toks[k])}")
        try:
            _unescape(tok)
        except _StringError as exc:
            return r.error(k, exc.message, exc.strictness)
        raise AssertionError("a string marked bad was read")  # pragma: no cover

    # -- numbers
    def number(self, k: int, what: str, after: str) -> Fraction:
        """The exact value of number token ``k`` (cached by text)."""
        tok = self.toks[k]
        value = self.numbers.get(tok)
        if value is not None:
            return value
        m = _NUMBER.fullmatch(tok)
        if m is None:
            raise self.r.number_error(k, what, after)
        sign, whole, den, frac, esign, exp = m.groups()
        # _NUMBER also matches what Gambit's tokenizer splits or reads as 0: reject those
        if not (whole or frac) or (exp is not None and (den is not None or not (whole or sign))):
            raise self.r.number_error(k, what, after)
        frac = frac or ""
        if len(whole) + len(frac) + len(den or "") > MAX_NUMBER_DIGITS:
            raise self.r.error(
                k, f"a number with more than {MAX_NUMBER_DIGITS} digits", "number-size"
            )
        e = 0
        if exp is not None:
            exp = exp.lstrip("0")
            if len(exp) > 6 or int(exp or "0") > MAX_EXPONENT:
                raise self.r.error(
                    k,
                    f"exponent of {_describe(tok)} is beyond +-{MAX_EXPONENT}",
                    "exponent-range",
                )
            e = int(exp or "0") * (-1 if esign else 1)
        num = _digits_to_int(whole + frac) if whole or frac else 0
        if den is not None:
            d = _digits_to_int(den)
            if d == 0:
                raise self.r.error(k, f"zero denominator in {_describe(tok)}")
        else:
            d = 10 ** len(frac)
        if e > 0:
            num *= 10**e
        elif e < 0:
            d *= 10**-e
        value = Fraction(-num if sign else num, d)
        self.numbers[tok] = value
        return value

    def index(
        self,
        k: int,
        what: str,
        after: str | Callable[[], str],
        lowest: int,
        *,
        chance: bool = False,
    ) -> int:
        """The value of index token ``k`` when it is not in the cache ``self.ints``."""
        tok = self.toks[k]
        if tok.isdigit() and tok.isascii() and len(tok) < 10:
            value = int(tok)
        else:
            value = self.r.index(k, what, after, lowest, chance=chance)
        if len(self.ints) < 4096:
            self.ints[tok] = value
        return value

    # -- grammar
    def header(self) -> int:
        """Parse up to the root node; return the index of its first token."""
        toks, r = self.toks, self.r
        if toks[0] != "EFG":
            raise r.error(0, f"expected 'EFG' at the start of the file, got {_describe(toks[0])}")
        if toks[1] != "2":
            glued = toks[1][:1] in _NUMBER_START and _gambit_number_prefix(toks[1]) == "2"
            raise r.error(
                1,
                f"expected version '2' after 'EFG', got {_describe(toks[1])}",
                "glued-number" if glued else None,
            )
        if toks[2] not in ("R", "D"):
            raise r.error(2, f"expected 'R' or 'D' after 'EFG 2', got {_describe(toks[2])}")
        if toks[3][:1] != '"':
            raise self.string_error(3, "the game title (a quoted string)", f"'EFG 2 {toks[2]}'")
        self.title = toks[3][1:-1]
        try:
            check_label(self.title, "game title")
        except GameError as exc:
            raise r.error(3, str(exc), "title") from None
        if toks[4] != "{":
            raise r.error(
                4,
                "expected '{' opening the player list after the game title, got "
                f"{_describe(toks[4])}",
            )
        i = 5
        names: list[str] = []
        while toks[i][:1] == '"':
            names.append(toks[i][1:-1])
            i += 1
        if toks[i] != "}":
            if toks[i] == _BAD_STRING:
                raise self.string_error(i, "a player name", "'{'")
            raise r.error(
                i, f"expected a player name or '}}' in the player list, got {_describe(toks[i])}"
            )
        if not names:
            raise r.error(i, "the game has no players", "no-players")
        players = normalize_labels(names)
        for k, name in enumerate(players, 5):
            problem = _label_problem(name)
            if problem is not None:
                raise r.error(k, f"player name {name!r} {problem}")
            if name == "Chance":
                raise r.error(k, "a player may not be named 'Chance' (Gambit's chance player)")
        self.players = players
        i += 1
        self.comment = ""
        if toks[i][:1] == '"':
            self.comment = toks[i][1:-1]
            i += 1
        elif toks[i] == _BAD_STRING:
            kept = _comment_text(self.r.bad[i])
            if kept is None:
                raise self.string_error(i, "the comment", "the player list")
            self.comment = kept
            i += 1
        return i

    def node_type_error(self, i: int, context: str) -> EfgError:
        toks = self.toks
        tok = toks[i]
        if tok == _BAD_STRING:
            return self.string_error(i, "a node", "the tree")
        strict = None
        if tok in ('"c"', '"p"', '"t"'):
            strict = "node-type"
        elif tok in ("{", "}", ","):
            k = i - 1
            while k >= 0 and toks[k] in ("{", "}", ","):
                k -= 1
            if k >= 0 and toks[k] in ("c", "p", "t", '"c"', '"p"', '"t"'):
                strict = "node-type"
        return self.r.error(
            i, f"expected a node ('c', 'p' or 't') {context}, got {_describe(tok)}", strict
        )

    def parse(self) -> Game:
        toks, r = self.toks, self.r
        i = self.header()
        players = self.players
        nplayers = len(players)
        numbers = self.numbers
        number = self.number
        ints = self.ints
        index = self.index
        gambit_label = _GAMBIT_LABEL.fullmatch

        labels: list[str] = []  # per node, in pre-order
        node_sets: list[_Set | None] = []  # None for a terminal
        term_keys: list[object] = []  # per terminal: outcome id, or tuple of ids on the path
        sets: dict[int, _Set] = {}
        set_labels: dict[tuple[int, str], _Set] = {}  # (player, label) for non-empty labels
        # per outcome: (label, payoff texts, token index), and the payoffs (two dicts, not
        # an object per outcome: fewer objects for the GC to traverse)
        outcomes: dict[int, tuple[str, tuple[str, ...], int]] = {}
        payoffs: dict[int, tuple[Fraction, ...]] = {}
        node_labels: dict[str, int] = {}
        # open inner nodes: [set, children still to read, outcomes on the children's
        # paths, index of the node's first token]
        stack: list[list] = []
        chain: tuple[int, ...] = ()

        while True:
            start = i
            kind = toks[i]
            if kind != "t" and kind != "p" and kind != "c":
                if stack:
                    ps, left, _, ptok = stack[-1]
                    context = (
                        f'for action "{ps.actions[len(ps.actions) - left]}" of the node at '
                        f"line {r.line(ptok)}"
                    )
                else:
                    context = "for the root"
                raise self.node_type_error(i, context)
            # node label
            tok = toks[i + 1]
            if tok[:1] != '"':
                raise self.string_error(i + 1, "a node label (a quoted string)", f"'{kind}'")
            label = tok[1:-1]
            if label:
                if gambit_label(label) is None:
                    raise r.error(i + 1, f"node label {label!r} {_label_problem(label)}")
                if label in node_labels:
                    raise r.error(
                        i + 1,
                        f'node label "{label}" is already used at line '
                        f"{r.line(node_labels[label])} (node labels must be unique)",
                    )
                node_labels[label] = i + 1
            i += 2
            s: _Set | None = None
            if kind != "t":
                if kind == "p":
                    player = ints.get(toks[i])
                    if player is None:
                        player = index(i, "player number", "the node label", 1)
                    if not 0 < player <= nplayers:
                        if player == 0:
                            raise r.error(i, "player number must be an integer >= 1, got '0'")
                        raise r.error(
                            i,
                            f"player number {player} is out of range: the game has "
                            f"{nplayers} players",
                        )
                    i += 1
                    set_no = ints.get(toks[i])
                    if set_no is None:
                        set_no = index(i, "information set number", "the player number", 0)
                    key = player << 32 | set_no
                else:
                    key = ints.get(toks[i])
                    if key is None:
                        key = index(
                            i, "chance information set number", "the node label", 0, chance=True
                        )
                i += 1
                s = sets.get(key)
                if toks[i][:1] == '"':
                    s, i = self.move(i, key, s, sets, set_labels)
                elif toks[i] == _BAD_STRING:
                    raise self.string_error(i, "an information set label", "the set number")
                elif s is None:
                    raise r.error(
                        i,
                        f"information set {_set_name(key)} is used before its label and "
                        "actions are given",
                    )
            # outcome
            tok = toks[i]
            o = ints.get(tok)
            if o is None and tok.isdigit() and tok.isascii() and len(tok) < 10:
                o = int(tok)
            elif o is None:
                o = index(
                    i,
                    "outcome number",
                    lambda kind=kind, start=start: f"the {_KIND[kind]} at line {r.line(start)}",
                    0,
                )
            i += 1
            tok = toks[i]
            if tok[:1] == '"':
                if o == 0:
                    raise r.error(i, "outcome 0 (no outcome) cannot have a label or payoffs")
                ltok = i
                olabel = tok[1:-1]
                if toks[i + 1] != "{":
                    raise r.error(
                        i + 1,
                        f"expected '{{' opening the payoffs after outcome label \"{olabel}\", "
                        f"got {_describe(toks[i + 1])}",
                    )
                i += 2
                texts: list[str] = []
                values: list[Fraction] = []
                for _ in range(nplayers):
                    tok = toks[i]
                    v = numbers.get(tok)
                    if v is None:
                        if tok == "}":
                            raise r.error(
                                i,
                                f"outcome {o} has {len(texts)} payoffs, expected {nplayers} "
                                "(one per player)",
                            )
                        after = f"payoff {len(texts)} of outcome {o}" if texts else "'{'"
                        v = number(i, "a payoff (a number) or '}'", after)
                    texts.append(tok)
                    values.append(v)
                    i += 1
                    if toks[i] == ",":
                        i += 1
                tok = toks[i]
                if tok != "}":
                    if tok[:1] in _NUMBER_START:
                        raise r.error(
                            i, f"outcome {o} has more than {nplayers} payoffs (one per player)"
                        )
                    raise r.error(
                        i,
                        f"expected '}}' closing the payoffs of outcome {o}, got {_describe(tok)}",
                    )
                i += 1
                old = outcomes.get(o)
                if old is None:
                    outcomes[o] = (olabel, tuple(texts), ltok)
                    payoffs[o] = tuple(values)
                elif old[0] != olabel or old[1] != tuple(texts):
                    raise r.error(
                        ltok,
                        f"outcome {o} is redefined with a different label or payoffs "
                        f"(first defined at line {r.line(old[2])})",
                    )
            elif tok == _BAD_STRING:
                raise self.string_error(i, "an outcome label", "the outcome number")
            elif o and o not in outcomes:
                raise r.error(
                    i - 1, f"outcome {o} is referenced before its label and payoffs are given"
                )
            labels.append(label)
            node_sets.append(s)
            if s is None:
                # a terminal: the outcomes on its path, as one id when there is one
                if not chain:
                    term_keys.append(o)
                else:
                    full = (*chain, o) if o else chain
                    term_keys.append(full[0] if len(full) == 1 else full)
                while stack:
                    top = stack[-1]
                    top[1] -= 1
                    if top[1]:
                        break
                    stack.pop()
                if not stack:
                    break
                chain = stack[-1][2]
            else:
                if o:
                    chain = (*chain, o)
                stack.append([s, len(s.actions), chain, start])
        if i < r.ntok:
            tok = r.bad.get(i, toks[i])
            raise r.error(
                i, f"unexpected {_describe(tok)} after the end of the tree", "trailing-text"
            )
        return self.build(labels, node_sets, term_keys, sets, outcomes, payoffs)

    def move(
        self,
        i: int,
        key: int,
        old: _Set | None,
        sets: dict[int, _Set],
        set_labels: dict[tuple[int, str], _Set],
    ) -> tuple[_Set, int]:
        """Parse ``"set label" { actions }`` at token ``i``; return the set and the index
        of the next token."""
        toks, r = self.toks, self.r
        chance = key >> 32 == 0
        ltok = i
        slabel = toks[i][1:-1]
        if toks[i + 1] != "{":
            raise r.error(
                i + 1,
                f"expected '{{' opening the action list after information set label "
                f'"{slabel}", got {_describe(toks[i + 1])}',
            )
        i += 2
        actions: list[str] = []
        texts: list[str] = []
        while True:
            tok = toks[i]
            if tok[:1] == '"':
                actions.append(tok[1:-1])
            elif tok == "}":
                break
            else:
                if tok == _BAD_STRING:
                    raise self.string_error(i, "an action label", "'{'")
                prev = f'action "{actions[-1]}"' if actions else "'{'"
                if chance and actions:
                    prev = f'the probability of action "{actions[-1]}"'
                raise r.error(
                    i,
                    f"expected an action label (a quoted string) or '}}' after {prev}, "
                    f"got {_describe(tok)}",
                )
            i += 1
            if chance:
                tok = toks[i]
                if tok not in self.numbers:
                    self.number(i, "a number", f'action "{actions[-1]}"')
                texts.append(tok)
                i += 1
        if not actions:
            raise r.error(ltok, f"information set {_set_name(key)} has no actions")
        acts = tuple(actions)
        if old is None:
            gambit_label = _GAMBIT_LABEL.fullmatch
            if gambit_label(slabel) is None:
                raise r.error(ltok, f"information set label {slabel!r} {_label_problem(slabel)}")
            if slabel:
                other = set_labels.get((key >> 32, slabel))
                if other is not None:
                    raise r.error(
                        ltok,
                        f'information set label "{slabel}" is already used by set '
                        f"{_set_name(other.key)} at line {r.line(other.tok)} (a player's "
                        "set labels must be unique)",
                    )
            for a in acts:
                if gambit_label(a) is None:
                    raise r.error(ltok, f"action label {a!r} {_label_problem(a)}")
            probs: tuple[Fraction, ...] = ()
            if chance:
                probs = tuple(self.numbers[t] for t in texts)
                for a, t, p in zip(acts, texts, probs, strict=True):
                    if not 0 <= p <= 1:
                        raise r.error(ltok, f'probability {t} of action "{a}" is outside [0, 1]')
                total = sum(probs, _ZERO)
                if total != 1:
                    raise r.error(
                        ltok, f"chance probabilities sum to {_show(total)}, not exactly 1"
                    )
            new = _Set(key, slabel, acts, probs, tuple(texts), ltok)
            sets[key] = new
            if slabel:
                set_labels[(key >> 32, slabel)] = new
            return new, i + 1
        if old.label != slabel:
            raise r.error(
                ltok,
                f'information set {_set_name(key)} is labelled "{slabel}" here but '
                f'"{old.label}" at line {r.line(old.tok)}',
            )
        if old.actions != acts:
            raise r.error(
                ltok,
                f"information set {_set_name(key)} has actions {list(acts)} here but "
                f"{list(old.actions)} at line {r.line(old.tok)}",
            )
        if chance and old.texts != tuple(texts):
            raise r.error(
                ltok,
                f"chance information set {key} has probabilities {texts} here "
                f"but {list(old.texts)} at line {r.line(old.tok)} (Gambit compares them "
                "as written)",
            )
        return old, i + 1

    def build(
        self,
        labels: list[str],
        node_sets: list[_Set | None],
        term_keys: list[object],
        sets: dict[int, _Set],
        outcomes: dict[int, tuple[str, tuple[str, ...], int]],
        payoffs: dict[int, tuple[Fraction, ...]],
    ) -> Game:
        """Turn the pre-order node lists into a :class:`Game`, folding non-terminal outcomes."""
        r = self.r
        players = self.players
        n = len(players)
        onames = normalize_labels([o[0] for o in outcomes.values()])
        for o, name in zip(outcomes.values(), onames, strict=True):
            problem = _label_problem(name)
            if problem is not None:
                raise r.error(o[2], f"outcome label {name!r} {problem}")
        outcome_label = dict(zip(outcomes, onames, strict=True))

        keys = list(dict.fromkeys(term_keys))
        joined = [
            ()
            if k == 0
            else (outcome_label[k],)
            if type(k) is int
            else tuple(outcome_label[x] for x in k)  # type: ignore[union-attr]
            for k in keys
        ]
        folded = folded_outcome_labels(joined)
        zeros = (_ZERO,) * n
        key_data: dict[object, tuple[tuple[Fraction, ...], str]] = {}
        for k, name in zip(keys, folded, strict=True):
            if k == 0:
                pays = zeros
            elif type(k) is int:
                pays = payoffs[k]
            else:
                acc = list(zeros)
                for x in k:  # type: ignore[union-attr]
                    for p, v in enumerate(payoffs[x]):
                        acc[p] += v
                pays = tuple(acc)
            key_data[k] = (pays, name)

        player_sets = [s for s in sets.values() if s.key >> 32]
        described = [(players[(s.key >> 32) - 1], s.key & 0xFFFFFFFF, s.label) for s in player_sets]
        for s, name in zip(player_sets, infoset_names(described), strict=True):
            s.name = name
            s.player = players[(s.key >> 32) - 1]
        for s in sets.values():
            acts = s.actions
            if "" in acts or len(set(acts)) != len(acts):
                s.names = tuple(normalize_labels(acts))

        # reverse pre-order: each node's subtrees are complete on the stack, first child on top
        built: list = []
        push, pop = built.append, built.pop
        t = len(term_keys)
        for label, s in zip(reversed(labels), reversed(node_sets), strict=True):
            if s is None:
                t -= 1
                pays, name = key_data[term_keys[t]]
                push(Terminal(pays, label, name))
                continue
            acts = s.names
            k = len(acts)
            if k == 1:
                kids: tuple = (pop(),)
            else:
                kids = tuple(built[-1 : -k - 1 : -1])
                del built[-k:]
            if s.player:
                push(Decision(s.player, s.name, acts, kids, label))
            else:
                push(Chance(acts, s.probs, kids, label, s.label))
        (root,) = built
        return Game(tuple(players), root, title=self.title, comment=self.comment)


# --------------------------------------------------------------------------- naming


def normalize_labels(labels: Sequence[str]) -> list[str]:
    """Make ``labels`` unique and non-empty the way Gambit 16.7's reader does.

    A label that is empty or used more than once becomes ``label_1``, ``label_2``, ...
    (numbered per distinct label in order, skipping labels already present); a unique
    non-empty label is kept.

    Parameters
    ----------
    labels : sequence of str
        The labels, in the order Gambit numbers them.

    Returns
    -------
    list of str
        The labels as Gambit names them.

    Examples
    --------
    >>> normalize_labels(["a", "", "b", "b", "b_1"])
    ['a', '_1', 'b_2', 'b_3', 'b_1']
    """
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    if all(c == 1 for c in counts.values()) and "" not in counts:
        return list(labels)
    used = set(labels)
    visited: dict[str, int] = {}
    out: list[str] = []
    for label in labels:
        if counts[label] == 1 and label:
            out.append(label)
            continue
        while True:
            visited[label] = visited.get(label, 0) + 1
            candidate = f"{label}_{visited[label]}"
            if candidate not in used:
                break
        used.add(candidate)
        out.append(candidate)
    return out


def infoset_names(
    sets: Sequence[tuple[str, int, str]],
) -> list[str]:
    """Names for player information sets given as ``(player name, number, label)``.

    The label when it is non-empty and no other set has it, else ``"<player>:<number>"``
    (made unique with ``_1``, ``_2``, ... if that clashes).
    """
    counts: dict[str, int] = {}
    for _, _, label in sets:
        counts[label] = counts.get(label, 0) + 1
    used = {label for _, _, label in sets if label and counts[label] == 1}
    out: list[str] = []
    for player, number, label in sets:
        if label and counts[label] == 1:
            out.append(label)
            continue
        base = candidate = f"{player}:{number}"
        k = 0
        while candidate in used:
            k += 1
            candidate = f"{base}_{k}"
        used.add(candidate)
        out.append(candidate)
    return out


def folded_outcome_labels(keys: Sequence[tuple[str, ...]]) -> list[str]:
    """Outcome labels for terminals whose paths carry the outcomes ``keys[i]``.

    ``keys`` lists, per distinct combination, the (already unique) labels of the outcomes
    on the path, root first; the label is their ``+``-join, made unique like Gambit's
    labels. An empty key (no outcome at all) gets ``""``.
    """
    joined = ["+".join(key) for key in keys]
    named = [j for j in joined if j]
    fixed = iter(normalize_labels(named))
    return [next(fixed) if j else "" for j in joined]


# --------------------------------------------------------------------------- entry points


def read_efg(text: str, source: str = "<string>") -> Game:
    """Parse ``.efg`` text into a validated :class:`Game`.

    Parameters
    ----------
    text : str
        The contents of a ``.efg`` file.
    source : str
        The name used in error messages (``source:line: reason``).

    Returns
    -------
    Game
        The game Gambit 16.7 reads from ``text``, in the terms of the model.

    Raises
    ------
    EfgError
        If Gambit would refuse ``text``, or for one of the documented strictness cases
        (then :attr:`EfgError.strictness` names it).

    Notes
    -----
    Python's cyclic garbage collector is paused while the game is built, and enabled again
    afterwards if it was enabled: the reader makes no reference cycles, and the collector's
    full passes over the growing tree took a third of the time for a 15 MB file.
    """
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        game = _Parser(text, source).parse()
        try:
            validate(game)
        except GameError as exc:  # pragma: no cover - the parser checks everything first
            raise EfgError(str(exc), 1, source) from None
        return game
    finally:
        if collecting:
            gc.enable()


def read_efg_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> Game:
    """Read and parse the ``.efg`` file at ``path``.

    At most ``max_bytes`` bytes are read: a larger file, and any character or block
    device (``/dev/zero``), is refused before its contents are read; a pipe is read up
    to the limit.

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    max_bytes : int
        The size limit, :data:`MAX_FILE_BYTES` by default.

    Returns
    -------
    Game
        The game, as :func:`read_efg` reads it.

    Raises
    ------
    OSError
        If the file cannot be opened or read (``FileNotFoundError``, ...).
    EfgError
        If the file is too large, a device, not UTF-8 text, or malformed.
    """
    p = Path(path)
    with open(p, "rb") as fh:
        mode = os.fstat(fh.fileno())
        if stat.S_ISCHR(mode.st_mode) or stat.S_ISBLK(mode.st_mode):
            raise EfgError("is a device, not a .efg file", 1, str(p), strictness="file-size")
        if stat.S_ISREG(mode.st_mode) and mode.st_size > max_bytes:
            raise EfgError(
                f"the file has {mode.st_size} bytes, more than the limit of {max_bytes}",
                1,
                str(p),
                strictness="file-size",
            )
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise EfgError(
            f"the file has more than {max_bytes} bytes (the limit)",
            1,
            str(p),
            strictness="file-size",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EfgError(
            f"the file is not UTF-8 text ({exc.reason})", line, str(p), strictness="not-utf8"
        ) from None
    return read_efg(text, source=str(p))
