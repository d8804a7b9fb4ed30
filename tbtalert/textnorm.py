"""Fold text for keyword matching: case, punctuation and diacritics.

:func:`normalize` lower-cases a text, turns punctuation into single spaces and
sentence ends (``. ; ! ?``) into ``|``, and pads the result with spaces, so a
keyword ``" cà phê "`` is found as a whole phrase by a plain substring scan.
:func:`fold` then strips diacritics one character for one character, so a
position in the folded text is the same position in the normalized text: a
hit found in the folded text can be checked against the exact spelling.
"""

from __future__ import annotations

import re
import unicodedata

BOUNDARY = "|"

# Letters only Vietnamese uses (ă đ ơ ư and the tone-marked vowels of the
# Latin Extended Additional block): their presence marks a Vietnamese text.
_VIETNAMESE = re.compile("[ăđơư\u1ea0-\u1ef9]")


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = (range(0xC0, 0x250), range(0x1E00, 0x1F00))
    for cp in (cp for r in ranges for cp in r):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[cp] = base.lower() if ch.islower() else base
    for src, dst in {"đ": "d", "Đ": "D", "ø": "o", "ł": "l", "ı": "i"}.items():
        table[ord(src)] = dst
    return table


def _byte_table() -> bytes:
    """ASCII punctuation to spaces (sentence marks to ``|``); other bytes as they are."""
    table = bytearray(range(256))
    for cp in range(128):
        ch = chr(cp)
        if ch in ";!?|":
            table[cp] = ord(BOUNDARY)
        elif not ch.isalnum() and ch != "\x1d":  # \x1d: the keyword scanner's field mark
            table[cp] = ord(" ")
    return bytes(table)


_FOLD = _fold_table()
_BYTES = _byte_table()
# Punctuation beyond ASCII seen in notifications (dashes, quotes, bullets...)
_WIDE_PUNCT = "–—‐‑‒―‘’‚‛“”„‟…«»‹›·•°§¶×÷±≤≥®©™¿¡、，：（）【】\u00ad\u00a0\u2009\u202f\u3000"
_WIDE_MARKS = "。；！？"
_UNSPLIT = {"đ": "d", "ø": "o", "ł": "l", "ı": "i"}


def normalize(text: str) -> str:
    """Lower-case ``text``, punctuation to spaces, sentence ends to ``|``, padded by spaces.

    Everything stays in C: a byte table for ASCII punctuation, ``str.replace``
    for the few wider marks notifications use.
    """
    if not text:
        return " "
    lowered = text.lower().replace(". ", " | ").replace(".\n", " | ")
    if not lowered.isascii():
        lowered = unicodedata.normalize("NFC", lowered)
        for mark in _WIDE_PUNCT:
            if mark in lowered:
                lowered = lowered.replace(mark, " ")
        for mark in _WIDE_MARKS:
            if mark in lowered:
                lowered = lowered.replace(mark, " | ")
    words = lowered.encode("utf-8").translate(_BYTES).replace(b"|", b" | ").split()
    return (b" " + b" ".join(words) + b" ").decode("utf-8") if words else " "


def fold(normalized: str) -> str:
    """Strip diacritics from a normalized text, keeping every position."""
    if normalized.isascii():
        return normalized
    text = normalized
    for letter, base in _UNSPLIT.items():
        if letter in text:
            text = text.replace(letter, base)
    folded = unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii")
    if len(folded) != len(normalized):  # letters of other scripts: the slow, exact way
        return normalized.translate(_FOLD)
    return folded


def looks_vietnamese(normalized: str) -> bool:
    """Whether a normalized text uses letters only Vietnamese has."""
    return not normalized.isascii() and _VIETNAMESE.search(normalized) is not None


def has_diacritics(word: str) -> bool:
    """Whether folding changes ``word``."""
    return fold(word) != word


_FUNCTION_WORDS = frozenset(
    {"a", "à", "au", "aux", "d", "de", "del", "des", "du", "e", "el", "en", "et", "l", "la"}
    | {"las", "le", "les", "los", "o", "para", "por", "sin", "un", "una", "y"}
)
_EN_ES = re.compile(r"(?:s|x|z|ch|sh|o)$")
_ES_ACCENTED_END = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"}


def _plural_words(word: str, language: str) -> list[str]:
    """Plural spellings of one lower-case word in ``language`` (none for Vietnamese)."""
    if language == "vi" or not word[-1:].isalpha():
        return []
    if language == "en":
        if re.search(r"[^aeiou]y$", word):
            return [word[:-1] + "ies"]
        if word.endswith("fe"):
            return [word + "s", word[:-2] + "ves"]
        return [word + "es", word + "s"] if _EN_ES.search(word) else [word + "s"]
    if language == "fr":
        if word.endswith(("s", "x", "z")):
            return []
        if word.endswith("al"):
            return [word[:-2] + "aux", word + "s"]
        if word.endswith(("eau", "au", "eu")):
            return [word + "x", word + "s"]
        return [word + "s"]
    if language == "es":
        if word.endswith("z"):
            return [word[:-1] + "ces"]
        if word[-1] in "aeiouáéó":
            return [word + "s"]
        if word.endswith("s"):
            return []
        if len(word) > 2 and word[-2] in _ES_ACCENTED_END:
            return [word[:-2] + _ES_ACCENTED_END[word[-2]] + word[-1] + "es"]
        return [word + "es"]
    return [word + "s"]


def inflections(phrase: str, language: str) -> list[str]:
    """``phrase`` (normalized, unpadded) and its plural spellings.

    The last word is made plural; for French and Spanish, where the noun comes
    first and adjectives agree, also the first word and every word at once:
    "pomme de terre" gives "pommes de terre", "fruta fresca" gives
    "frutas frescas".
    """
    words = phrase.split(" ")
    forms = [phrase]
    for last in _plural_words(words[-1], language):
        forms.append(" ".join([*words[:-1], last]))
    if language in ("fr", "es") and len(words) > 1:
        for first in _plural_words(words[0], language):
            forms.append(" ".join([first, *words[1:]]))
        plural = [
            w if w in _FUNCTION_WORDS else (_plural_words(w, language) or [w])[0] for w in words
        ]
        forms.append(" ".join(plural))
    return list(dict.fromkeys(forms))
