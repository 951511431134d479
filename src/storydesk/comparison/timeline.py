"""When things happened: the dated events in order, and the reports' date disagreements.

Two date mentions speak of the same event when their sentences share enough content words
(the date's own words left out). Then a date inside the other's interval at a finer precision
("spring 2018" in "some time in 2018") is a refinement; two disjoint dates are a conflict.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from storydesk.comparison.dates import DateMention, find_dates, parse_published
from storydesk.comparison.reports import Reports, content_words
from storydesk.comparison.types import Claim, Conflict, TimelineEntry
from storydesk.types import Citation

SAME_EVENT = 0.25  # Jaccard of two sentences' content words (dates left out) for one event
# Disjoint dates are flagged only on stronger evidence: different events share words too.
SAME_EVENT_CONFLICT = 0.4
SAME_ENTRY = 0.3  # the same, for two reports' sentences to join one timeline entry
_PRECISION = {"day": 0, "month": 1, "season": 2, "year": 3}


@dataclass(frozen=True)
class DatedSentence:
    sentence: int  # index into Reports.sentences
    article_id: str
    mention: DateMention
    words: frozenset[str]  # content words of the sentence without the date's words


def dated_sentences(reports: Reports) -> list[DatedSentence]:
    """Every date in the kept sentences. The patterns run once over each whole article (far
    cheaper than per sentence); each date then goes to the sentence that holds it."""
    found: list[DatedSentence] = []
    for article in reports.articles:
        rows = reports.by_article[article.id]
        if not rows:
            continue
        starts = [reports.sentences[i].start for i in rows]
        base = parse_published(article.published)
        for mention in find_dates(article.text, base):
            at = bisect_right(starts, mention.start) - 1
            if at < 0:
                continue
            index = rows[at]
            sentence = reports.sentences[index]
            if mention.end > sentence.end:
                continue  # in removed junk between sentences, or across two
            words = reports.sentence_words[index] - content_words(mention.value.expression)
            found.append(DatedSentence(index, article.id, mention, words))
    found.sort(key=lambda d: (d.sentence, d.mention.start))
    return found


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def _claim(reports: Reports, dated: DatedSentence) -> Claim:
    sentence = reports.sentences[dated.sentence]
    citation = Citation(sentence.article_id, sentence.start, sentence.end)
    return Claim(sentence.text, (citation,), value=dated.mention.value.expression)


def date_differences(
    reports: Reports, dated: list[DatedSentence]
) -> tuple[list[Conflict], list[Conflict]]:
    """(conflicts, refinements) between the reports' dates of one event."""
    conflicts: list[Conflict] = []
    refinements: list[Conflict] = []
    events = [d for d in dated if not d.mention.value.bound]
    for i, a in enumerate(events):
        for b in events[i + 1 :]:
            if a.article_id == b.article_id or _overlap(a.words, b.words) < SAME_EVENT:
                continue
            va, vb = a.mention.value, b.mention.value
            shared = sorted(a.words & b.words)[:4]
            topic = "when: " + " ".join(shared)
            if va.overlaps(vb):
                if va.precision != vb.precision and (va.contains(vb) or vb.contains(va)):
                    broad, fine = (a, b) if va.contains(vb) else (b, a)
                    claims = (_claim(reports, broad), _claim(reports, fine))
                    refinements.append(Conflict("date", topic, claims))
                continue
            if _overlap(a.words, b.words) < SAME_EVENT_CONFLICT:
                continue
            if _states_overlapping(events, a, b) or _states_overlapping(events, b, a):
                continue  # a report gives both dates: two events, not one disagreement
            conflicts.append(Conflict("date", topic, (_claim(reports, a), _claim(reports, b))))
    return conflicts, refinements


def _states_overlapping(
    events: list[DatedSentence], like: DatedSentence, other: DatedSentence
) -> bool:
    """Does ``other``'s report also give a date overlapping ``like``'s?"""
    return any(
        e.article_id == other.article_id and e.mention.value.overlaps(like.mention.value)
        for e in events
    )


def timeline(reports: Reports, dated: list[DatedSentence], limit: int) -> list[TimelineEntry]:
    """Dated events in order; one entry per event, citing every report that dates it alike.
    At most ``limit`` entries: those most reports carry, then those told earliest."""
    groups: list[list[DatedSentence]] = []
    for item in dated:
        if item.mention.value.bound:
            continue
        for group in groups:
            head = group[0]
            if (
                head.mention.value.iso == item.mention.value.iso
                and _overlap(head.words, item.words) >= SAME_ENTRY
            ):
                if all(g.article_id != item.article_id for g in group):
                    group.append(item)
                break
        else:
            groups.append([item])
    ranked = sorted(
        groups,
        key=lambda g: (-len(g), reports.sentences[g[0].sentence].position, g[0].sentence),
    )[:limit]
    ranked.sort(
        key=lambda g: (
            g[0].mention.value.start,
            _PRECISION[g[0].mention.value.precision],
            g[0].sentence,
        )
    )
    entries: list[TimelineEntry] = []
    for group in ranked:
        first = reports.sentences[group[0].sentence]
        citations = tuple(
            Citation(s.article_id, s.start, s.end)
            for s in (reports.sentences[g.sentence] for g in group)
        )
        value = group[0].mention.value
        entries.append(TimelineEntry(value.iso, first.text, citations, value.expression))
    return entries
