"""The comparison's records: frozen, cited, and serialised to the issue's JSON contract.

Every claim cites the reports that state it with ``document_id`` and character offsets into the
article text exactly as it was given, so a reader (or a test) can check each side of a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storydesk.types import Article, Citation

# The kinds of conflict the issue names, in the order renderings list them.
KINDS = ("number", "name", "date", "age", "place", "other")


def _citations(citations: tuple[Citation, ...]) -> list[dict[str, Any]]:
    return [{"document_id": c.document_id, "start": c.start, "end": c.end} for c in citations]


@dataclass(frozen=True)
class Claim:
    """Something one or more reports state: verbatim text of ``citations[0]``, and a value
    (the number, name or date the claim turns on) when the claim is one side of a conflict."""

    text: str
    citations: tuple[Citation, ...]
    value: str | None = None

    @property
    def document_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.document_id for c in self.citations))

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {"text": self.text}
        if self.value is not None:
            record["value"] = self.value
        record["citations"] = _citations(self.citations)
        return record


@dataclass(frozen=True)
class Conflict:
    """The same fact stated differently by different reports (or, as a refinement, stated
    with more detail by some): one claim per distinct value, each citing its reports."""

    kind: str
    topic: str
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "topic": self.topic,
            "claims": [claim.to_dict() for claim in self.claims],
        }


@dataclass(frozen=True)
class QuoteVariant:
    """Another wording of a quotation, as one report carries it."""

    text: str
    citations: tuple[Citation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": _citations(self.citations)}


@dataclass(frozen=True)
class Quote:
    """A quotation, its speaker (full name where the reports give one), every report that
    carries it, and how other reports word it."""

    speaker: str | None
    text: str
    citations: tuple[Citation, ...]
    variants: tuple[QuoteVariant, ...] = ()

    @property
    def document_ids(self) -> tuple[str, ...]:
        ids = [c.document_id for c in self.citations]
        ids += [c.document_id for v in self.variants for c in v.citations]
        return tuple(dict.fromkeys(ids))

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "text": self.text,
            "citations": _citations(self.citations),
            "variants": [variant.to_dict() for variant in self.variants],
        }


@dataclass(frozen=True)
class TimelineEntry:
    """A dated event: ``date`` is ISO 8601 at the precision the text gives ("2024-03-12",
    "2024-03", "2018", or an interval "2018-03/2018-05" for a season)."""

    date: str
    text: str
    citations: tuple[Citation, ...]
    expression: str = ""  # the words the date was read from ("on Tuesday", "spring 2018")

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "text": self.text,
            "expression": self.expression,
            "citations": _citations(self.citations),
        }


@dataclass(frozen=True)
class Comparison:
    """What the reports of one story agree on, state alone, and disagree on."""

    story_id: str
    articles: tuple[Article, ...]
    agreement: tuple[Claim, ...] = ()
    exclusives: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    refinements: tuple[Conflict, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    notes: tuple[str, ...] = ()

    def source_number(self, document_id: str) -> int:
        """1-based number of a report in the source list."""
        for number, article in enumerate(self.articles, start=1):
            if article.id == document_id:
                return number
        raise KeyError(document_id)

    def to_dict(self) -> dict[str, Any]:
        """The issue's JSON contract (plus ``sources`` and ``notes``)."""
        return {
            "id": self.story_id,
            "agreement": [claim.to_dict() for claim in self.agreement],
            "exclusives": [claim.to_dict() for claim in self.exclusives],
            "conflicts": [conflict.to_dict() for conflict in self.conflicts],
            "refinements": [refinement.to_dict() for refinement in self.refinements],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "timeline": [entry.to_dict() for entry in self.timeline],
            "sources": [
                {"number": n, "id": a.id, "title": a.title, "published": a.published}
                for n, a in enumerate(self.articles, start=1)
            ],
            "notes": list(self.notes),
        }
