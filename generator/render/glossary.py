"""The glossary as tooltips: which of its terms a page or a piece of prose uses, and what they mean."""

from __future__ import annotations

import itertools
import re

from generator.models import Begrip
from generator.validate import Entry

WORD = re.compile(r"\w+")


class Glossary:
    """The glossary as abbreviation definitions, looked up per page."""

    def __init__(self, begrippen: list[Entry[Begrip]]) -> None:
        self.definitions: dict[str, str] = {}
        self.meanings: dict[str, str] = {}
        self._meanings: dict[str, dict[str, str]] = {}
        """Term -> meaning as plain text, for the <abbr> elements of prose (generator.prose)."""
        for entry in begrippen:
            meaning = " ".join(entry.item.betekenis.split())
            for term in (entry.item.term, entry.item.afkorting):
                if term and term not in self.definitions:
                    self.definitions[term] = meaning.replace("]", ")")
                    self.meanings[term] = meaning
        # Per first word: the terms starting with it, each with the pairs of neighbouring words it needs.
        self.by_first_word: dict[str, list[tuple[str, frozenset[tuple[str, str]]]]] = {}
        for term in self.definitions:
            words = WORD.findall(term) or [term]
            self.by_first_word.setdefault(words[0], []).append((term, frozenset(itertools.pairwise(words))))

    def definitions_for(self, page: str) -> str:
        """`*[term]: meaning` lines for every term that stands in `page` as whole words, in page order."""
        used = self._used(page)
        # One block per definition: Markdown tests every block processor against the rest of a block
        # after each definition it takes, which is quadratic in a page's number of terms.
        return "".join(f"\n*[{term}]: {self.definitions[term]}\n" for term in used)

    def meanings_for(self, text: str) -> dict[str, str]:
        """Term -> meaning for every term that stands in `text` as whole words (kept per text: a
        piece of prose is looked up again for each page that shows it)."""
        found = self._meanings.get(text)
        if found is None:
            found = self._meanings[text] = {term: self.meanings[term] for term in self._used(text)}
        return found

    def _used(self, page: str) -> list[str]:
        """The terms that stand in `page` as whole words, in page order.

        The page's words and pairs of neighbouring words rule out almost every term at set speed;
        only terms whose words all stand next to each other in the page are looked for in the text."""
        if not self.definitions:
            return []
        words = WORD.findall(page)
        pairs = set(itertools.pairwise(words))
        found: dict[str, int] = {}
        for first in self.by_first_word.keys() & set(words):
            for term, needed in self.by_first_word[first]:
                if needed <= pairs:
                    at = _whole_word(page, term)
                    if at >= 0:
                        found[term] = at
        return sorted(found, key=lambda term: (found[term], -len(term)))


def _is_word_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def _whole_word(text: str, term: str) -> int:
    """Where `term` first stands in `text` not inside a longer word, or -1 (str.find: a regex with
    look-behind scans far slower)."""
    at = text.find(term)
    while at >= 0:
        if not _is_word_at(text, at - 1) and not _is_word_at(text, at + len(term)):
            return at
        at = text.find(term, at + 1)
    return -1
