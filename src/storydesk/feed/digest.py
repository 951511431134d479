"""A digest of a feed: cluster it, summarize each story with citations, largest stories first."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storydesk.comparison.pipeline import compare_story
from storydesk.comparison.render import conflicts_html
from storydesk.comparison.types import Comparison, Conflict
from storydesk.errors import ConfigError, InputError, StorydeskError
from storydesk.feed.cluster import Clusterer, Clustering, FoundStory
from storydesk.feed.label import headline
from storydesk.settings import Settings, load_settings
from storydesk.story.pipeline import summarize_story
from storydesk.story.render import to_dict
from storydesk.templating import render_template, safe_url
from storydesk.types import Article, Story, Summary


@dataclass(frozen=True)
class DigestEntry:
    """One story of the digest and its summary (None, with the reason, if it could not be made)."""

    story: FoundStory
    summary: Summary | None
    problem: str | None = None
    comparison: Comparison | None = None  # how its reports agree and differ


@dataclass(frozen=True)
class Digest:
    entries: tuple[DigestEntry, ...]
    articles: int
    stories: int
    junk: int


def build_digest(
    articles: Sequence[Article],
    settings: Settings | None = None,
    *,
    limit: int = 20,
    min_size: int = 1,
    clusterer: Clusterer | None = None,
) -> Digest:
    """Cluster ``articles`` and summarize the ``limit`` largest real stories (junk left out)."""
    if limit < 1 or min_size < 1:
        raise ConfigError("digest limit and min_size must be >= 1")
    settings = settings or load_settings()
    clustering: Clustering = (clusterer or Clusterer()).cluster(articles)
    by_id = {a.id: a for a in articles}
    chosen = [s for s in clustering.stories if not s.junk and s.size >= min_size][:limit]
    entries: list[DigestEntry] = []
    failures: list[StorydeskError] = []
    for found in chosen:
        copies = set(clustering.duplicate_of)
        members = tuple(by_id[a] for a in found.article_ids if a not in copies)
        try:
            summary = summarize_story(Story(found.id, members), settings)
        except StorydeskError as error:  # one unreadable story must not sink the page
            failures.append(error)
            entries.append(DigestEntry(found, None, str(error)))
            continue
        entries.append(
            DigestEntry(found, summary, comparison=_compare(found.id, members, settings))
        )
    if not entries:
        raise InputError("no story to put in the digest: every article is junk or empty")
    if len(failures) == len(entries):
        raise failures[0]  # nothing summarized: a setup problem (e.g. the model), not the feed
    return Digest(
        tuple(entries),
        articles=len(clustering.assignments),
        stories=sum(1 for s in clustering.stories if not s.junk),
        junk=sum(s.size for s in clustering.stories if s.junk),
    )


def _compare(story_id: str, members: tuple[Article, ...], settings: Settings) -> Comparison | None:
    """The story's comparison; a story it fails on keeps its summary, without one."""
    try:
        return compare_story(Story(story_id, members), settings)
    except StorydeskError:
        return None


def _conflict_lines(entry: DigestEntry, indent: str, esc: Callable[[str], str]) -> list[str]:
    """One line per conflict: its kind and topic, then each side's value and sources."""
    comparison = entry.comparison
    if comparison is None or not comparison.conflicts:
        return []
    lines = [f"{indent}Where the reports disagree:"]
    for conflict in comparison.conflicts:
        lines.append(f"{indent}- {conflict.kind}: {esc(_sides(comparison, conflict))}")
    return lines


def _sides(comparison: Comparison, conflict: Conflict) -> str:
    return " / ".join(
        f"“{claim.value}” "
        + "".join(f"[{comparison.source_number(d)}]" for d in claim.document_ids)
        for claim in conflict.claims
    )


def _title(entry: DigestEntry) -> str:
    """The summary's headline; the cluster label's when there is no summary."""
    if entry.summary is not None and entry.summary.title:
        return entry.summary.title
    return entry.story.label.title


def _markers(summary: Summary, index: int) -> list[int]:
    numbers = [summary.source_number(c.document_id) for c in summary.sentences[index].citations]
    return list(dict.fromkeys(numbers))


def _source_name(article: Article) -> str:
    """A report's name: its source or title, else the start of its first real sentence (a feed's
    ids are hashes nobody can read)."""
    name = article.source or headline(article, words=12) or article.url or article.id
    return f"{name} ({article.url})" if article.url and name != article.url else name


def _meta(entry: DigestEntry) -> str:
    story = entry.story
    parts = [f"{story.size} report{'s' if story.size != 1 else ''}"]
    if story.copies:
        parts.append(f"{story.copies} syndicated cop{'ies' if story.copies != 1 else 'y'}")
    if story.first_published:
        span = story.first_published
        if story.last_published and story.last_published != span:
            span += f" – {story.last_published}"
        parts.append(span)
    if story.label.names:
        parts.append(", ".join(story.label.names))
    return " · ".join(parts)


def _header(digest: Digest) -> str:
    return (
        f"{digest.articles} articles, {digest.stories} stories, "
        f"{digest.junk} junk pages set aside; the {len(digest.entries)} largest stories below."
    )


def render_text(digest: Digest) -> str:
    lines = ["storydesk digest", _header(digest), ""]
    for number, entry in enumerate(digest.entries, start=1):
        lines += [f"{number}. {_title(entry)}", f"   {_meta(entry)}"]
        if entry.summary is None:
            lines += [f"   (no summary: {entry.problem})", ""]
            continue
        body = " ".join(
            s.text + "".join(f"[{n}]" for n in _markers(entry.summary, i))
            for i, s in enumerate(entry.summary.sentences)
        )
        lines += [f"   {body}", *_conflict_lines(entry, "   ", str), "   Sources:"]
        lines += [f"   [{n}] {_source_name(a)}" for n, a in enumerate(entry.summary.articles, 1)]
        lines.append("")
    return "\n".join(lines)


def render_markdown(digest: Digest) -> str:
    def esc(text: str) -> str:
        return text.replace("[", "\\[").replace("]", "\\]").replace("*", "\\*")

    lines = ["# storydesk digest", "", f"_{_header(digest)}_", ""]
    for number, entry in enumerate(digest.entries, start=1):
        lines += [f"## {number}. {esc(_title(entry))}", "", f"_{esc(_meta(entry))}_", ""]
        if entry.summary is None:
            lines += [f"No summary: {esc(entry.problem or '')}", ""]
            continue
        lines.append(
            " ".join(
                esc(s.text) + "".join(f"[^{number}-{n}]" for n in _markers(entry.summary, i))
                for i, s in enumerate(entry.summary.sentences)
            )
        )
        lines.append("")
        if conflicts := _conflict_lines(entry, "", esc):
            lines += [*conflicts, ""]
        lines += [
            f"[^{number}-{n}]: {esc(_source_name(a))}"
            for n, a in enumerate(entry.summary.articles, 1)
        ]
        lines.append("")
    return "\n".join(lines)


def render_html(digest: Digest) -> str:
    """One page (templates/digest.html.j2, autoescaped; links only to http(s) addresses)."""
    from markupsafe import Markup

    stories: list[dict[str, object]] = []
    for number, entry in enumerate(digest.entries, start=1):
        anchor = f"story-{number}"
        story: dict[str, object] = {
            "anchor": anchor,
            "title": _title(entry),
            "meta": _meta(entry),
            "problem": entry.problem or "",
            "sentences": None,
        }
        summary = entry.summary
        if summary is not None:
            story["sentences"] = [
                {"text": s.text, "markers": _markers(summary, i)}
                for i, s in enumerate(summary.sentences)
            ]
            # The conflicts fragment comes from its own autoescaped template.
            story["conflicts"] = (
                Markup(conflicts_html(entry.comparison, anchor)) if entry.comparison else ""
            )
            story["sources"] = [
                {
                    "url": safe_url(article.url),
                    "name": article.title or article.url
                    if safe_url(article.url)
                    else _source_name(article),
                }
                for article in summary.articles
            ]
        stories.append(story)
    return render_template("digest.html.j2", header=_header(digest), stories=stories)


def render_json(digest: Digest) -> str:
    stories = []
    for entry in digest.entries:
        story = entry.story
        stories.append(
            {
                "story_id": story.id,
                "title": _title(entry),
                "size": story.size,
                "copies": story.copies,
                "label": {
                    "title": story.label.title,
                    "names": list(story.label.names),
                    "terms": list(story.label.terms),
                },
                "sources": list(story.sources),
                "first_published": story.first_published,
                "last_published": story.last_published,
                "summary": to_dict(entry.summary) if entry.summary else None,
                "compare": entry.comparison.to_dict() if entry.comparison else None,
                "problem": entry.problem,
            }
        )
    record = {
        "articles": digest.articles,
        "stories": digest.stories,
        "junk": digest.junk,
        "digest": stories,
    }
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


DIGEST_RENDERERS: dict[str, Callable[[Digest], str]] = {
    "text": render_text,
    "md": render_markdown,
    "html": render_html,
    "json": render_json,
}


def render_digest(digest: Digest, fmt: str) -> str:
    if fmt not in DIGEST_RENDERERS:
        known = ", ".join(DIGEST_RENDERERS)
        raise ConfigError(f"unknown digest format {fmt!r}", hint=f"one of {known}")
    return DIGEST_RENDERERS[fmt](digest)
