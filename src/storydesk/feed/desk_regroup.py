"""A desk is regrouped whole while it grows: its stories become the batch clustering of it all.

The same rebuild serves each transaction for the stored stories its plan read whole (see
``feed.desk_chunk``); this module's notes are about the whole desk.

A desk decides each transaction with a local clustering of the arrivals and a bounded context of
stored articles, and its decisions stand; a batch clustering of the same articles takes the
strongest links first across everything and compares whole groups. Two things make the desk
drift from batch as it grows. The average cosine two groups need grows with the number of
articles compared, up to ``growth_until`` (``ClusterTuning.cosine_needed``), so a desk's first
transactions are judged with a lower floor than a batch clustering of the grown desk uses, and
those loose early stories draw later arrivals (the desk judged with the final floor throughout
scored 0.009 F1 higher on the validation feed). Past that, each transaction's local decisions
differ from one clustering of everything (the desk regrouped only while its floor grew ended
0.026 below batch on the validation feed, 0.007 when also regrouped at 6,000 and 12,000
articles, and 0.012 once batch clustering gained the floor between short pieces; the gap is
what the transactions after the last regroup decide, 0.004 once each transaction regroups the
stored stories its plan read whole, ``DeskChunks._regroupable``; docs/notes/cluster.md,
Sessions 7-9).

So each time a transaction takes the desk past a step ``growth_until`` * 2**k (k any integer:
..., 750, 1,500, 3,000, 6,000, 12,000, 24,000, ... at the default), while it holds fewer than
``regroup_until`` articles, the transaction is planned with every stored article as its context
and the stored articles are regrouped by that plan: stories the plan keeps whole stay as they
are (same id), the others are rebuilt from its groups. The cost is that of the logarithmic
rebuild: batch clusterings doubling in size, about twice the largest in all, the largest at most
``regroup_until`` articles plus one transaction (24,000 full-length articles: ~80 CPU s and
~1.1 GB, measured); past ``regroup_until`` decisions stand and memory stays bounded.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

from storydesk.feed.desk_codec import unpack_vectors
from storydesk.feed.desk_stories import DeskStories
from storydesk.types import Article


def regroup_due(stored: int, arriving: int, step: int, until: int) -> bool:
    """Whether ``arriving`` articles take a desk of ``stored`` (fewer than ``until``) past a step
    ``step`` * 2**k, for any integer k."""
    if stored < 1 or arriving < 1 or stored >= until:
        return False

    def level(size: int) -> int:  # k of the last step at or below ``size``
        return math.floor(math.log2(size / step))

    return level(stored + arriving) > level(stored)


class DeskRegroup(DeskStories):
    """Regrouping of a growing desk (see the module notes); a mixin of ``Desk``."""

    def _whole_context(self) -> list[tuple[Article, int]]:
        """Every stored article a story is recognised by (copies and junk pages left out)."""
        rows = self.conn_.execute(
            "SELECT id, text, title, published, story_id FROM articles"
            " WHERE junk = 0 AND duplicate_of IS NULL ORDER BY seq"
        )
        return [(Article(id=i, text=t, title=ti, published=p), s) for i, t, ti, p, s in rows]

    def _regroup(self, context: Sequence[tuple[Article, int]], groups: Mapping[str, int]) -> None:
        """Rebuild the stories that ``groups`` (stored id -> plan group) splits or joins; every
        article of a story in ``context`` must be there (copies and junk pages aside)."""
        old: dict[int, set[str]] = {}
        new: dict[int, set[str]] = {}
        for article, sid in context:
            old.setdefault(sid, set()).add(article.id)
            new.setdefault(groups[article.id], set()).add(article.id)
        kept = {frozenset(ids) for ids in old.values()} & {frozenset(ids) for ids in new.values()}
        changed = sorted(sid for sid, ids in old.items() if frozenset(ids) not in kept)
        if not changed:
            return
        rows: dict[str, tuple[int, str | None, float, bytes, float, float]] = {}
        for sid in changed:
            found = self.conn_.execute(
                "SELECT a.id, a.seq, a.duplicate_of, a.seen, a.vector, s.offset, s.scale"
                " FROM articles a JOIN article_stats s ON s.seq = a.seq WHERE a.story_id = ?",
                (sid,),
            )
            for aid, *row in found:
                rows[aid] = tuple(row)
        copies: dict[str, list[str]] = {}
        for aid, row in rows.items():
            if row[1] is not None:
                copies.setdefault(row[1], []).append(aid)
        home: dict[str, int] = {}  # article id -> its rebuilt story
        rebuilt = [ids for ids in new.values() if frozenset(ids) not in kept]
        for ids in sorted(rebuilt, key=lambda ids: min(rows[i][0] for i in ids)):
            members = sorted(
                [*ids, *(c for i in ids for c in copies.get(i, []))], key=lambda i: rows[i][0]
            )
            story = self._rebuild(members, rows)
            home.update(dict.fromkeys(members, story))
        for aid in sorted(set(rows) - set(home), key=lambda i: rows[i][0]):
            # A copy whose original is elsewhere, or an article no group holds: a story of its own.
            home[aid] = self._rebuild([aid], rows)
        for sid in changed:  # emptied: every article has moved (articles refer to stories)
            live = self._story(sid)
            if live is not None:
                went = Counter(home[aid] for aid in old[sid])
                self._delete_story(sid, live, moved_to=min(went, key=lambda s: (-went[s], s)))

    def _rebuild(
        self,
        members: list[str],
        rows: Mapping[str, tuple[int, str | None, float, bytes, float, float]],
    ) -> int:
        """A new story of these stored articles, summed as when they were added."""
        story = self._new_story(rows[members[0]][2], False)
        for aid in members:
            seq, duplicate_of, seen, packed, offset, scale = rows[aid]
            vector = unpack_vectors(packed)[0]
            scaled = {t: w * scale for t, w in vector.items()}
            self._join(story, vector, scaled, offset, scale, seen, counted=duplicate_of is None)
            self.conn_.execute("UPDATE articles SET story_id = ? WHERE seq = ?", (story, seq))
        return story
