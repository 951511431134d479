"""A digest of a feed: cluster it, summarize each story with citations, largest stories first."""

from __future__ import annotations

import html
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


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>storydesk digest</title>
<style>body{{font:16px/1.5 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}}
h2{{margin-top:2em;border-top:1px solid #ddd;padding-top:1em}}.meta{{color:#666;font-size:.9em}}
sup a{{text-decoration:none}}ol.sources{{font-size:.85em;color:#444}}nav li{{margin:.2em 0}}
.pair{{display:grid;grid-template-columns:repeat(auto-fit,minmax(14em,1fr));gap:.6em}}
.side{{border:1px solid #ddd;border-radius:5px;padding:.4em .6em}}.side .value{{font-weight:bold}}
.side .src{{font-size:.8em;color:#555}}.kind{{font:.75em sans-serif;text-transform:uppercase;
margin-right:.4em;color:#b4432b}}mark{{background:#ffe28a}}</style>
</head><body>
<h1>storydesk digest</h1>
<p class="meta">{header}</p>
<nav><ol>{toc}</ol></nav>
{sections}
</body></html>
"""


def render_html(digest: Digest) -> str:
    e = html.escape
    toc: list[str] = []
    sections: list[str] = []
    for number, entry in enumerate(digest.entries, start=1):
        anchor = f"story-{number}"
        toc.append(f'<li><a href="#{anchor}">{e(_title(entry))}</a></li>')
        parts = [
            f'<section id="{anchor}"><h2>{number}. {e(_title(entry))}</h2>',
            f'<p class="meta">{e(_meta(entry))}</p>',
        ]
        summary = entry.summary
        if summary is None:
            parts.append(f"<p><em>No summary: {e(entry.problem or '')}</em></p></section>")
            sections.append("".join(parts))
            continue
        body = " ".join(
            e(s.text)
            + "".join(
                f'<sup><a href="#{anchor}-src-{n}">[{n}]</a></sup>' for n in _markers(summary, i)
            )
            for i, s in enumerate(summary.sentences)
        )
        parts.append(f"<p>{body}</p>")
        if entry.comparison is not None:  # Jinja2 fragment, autoescaped
            parts.append(conflicts_html(entry.comparison, anchor))
        parts.append('<ol class="sources">')
        for n, article in enumerate(summary.articles, start=1):
            name = e(_source_name(article))
            if article.url:
                name = f'<a href="{e(article.url)}">{e(article.title or article.url)}</a>'
            parts.append(f'<li id="{anchor}-src-{n}">{name}</li>')
        parts.append("</ol></section>")
        sections.append("".join(parts))
    return _PAGE.format(header=e(_header(digest)), toc="".join(toc), sections="\n".join(sections))


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
