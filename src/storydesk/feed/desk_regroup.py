"""A young desk is regrouped whole: its stories become the batch clustering of what it holds.

The average cosine two groups need grows with the number of articles compared, up to
``growth_until`` articles (``ClusterTuning.cosine_needed``: in a larger feed the nearest article
of another story comes closer). A desk's first transactions are therefore judged among fewer
articles, with a lower floor than the same articles get in a batch clustering of the grown desk,
and a desk's decisions stand: the loose early stories then draw later arrivals (measured on the
validation feed: the desk judged with the final floor throughout scored 0.009 F1 higher;
docs/notes/cluster.md, Session 7). So each time a transaction takes a young desk past
``growth_until`` / 2**k articles (k = 0, 1, 2, ...: 3,000, 1,500, 750, ... at the default), the
transaction is planned with every stored article as its context, and the stored articles are
regrouped by that plan: stories the plan keeps whole stay as they are (same id), the others are
rebuilt from its groups. Past ``growth_until`` the floor no longer grows and decisions stand.
The cost is bounded and paid once per desk: batch clusterings of at most ``growth_until`` plus
one transaction's articles, halving in size, about twice the largest in all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from storydesk.feed.desk_codec import unpack_vectors
from storydesk.feed.desk_stories import DeskStories
from storydesk.types import Article


def regroup_due(stored: int, arriving: int, growth_until: int) -> bool:
    """Whether ``arriving`` articles take a desk of ``stored`` past ``growth_until`` / 2**k."""
    if stored < 1 or arriving < 1 or stored >= growth_until:
        return False

    def level(size: int) -> int:  # k of the next threshold at or above ``size``
        return 0 if size >= growth_until else math.ceil(math.log2(growth_until / size))

    return level(stored + arriving) < level(stored)


class DeskRegroup(DeskStories):
    """Regrouping of a young desk (see the module notes); a mixin of ``Desk``."""

    def _whole_context(self) -> list[tuple[Article, int]]:
        """Every stored article a story is recognised by (copies and junk pages left out)."""
        rows = self.conn_.execute(
            "SELECT id, text, title, published, story_id FROM articles"
            " WHERE junk = 0 AND duplicate_of IS NULL ORDER BY seq"
        )
        return [(Article(id=i, text=t, title=ti, published=p), s) for i, t, ti, p, s in rows]

    def _regroup(self, context: Sequence[tuple[Article, int]], groups: Mapping[str, int]) -> None:
        """Rebuild the stories that ``groups`` (stored id -> plan group) splits or joins."""
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
        placed: set[str] = set()
        rebuilt = [ids for ids in new.values() if frozenset(ids) not in kept]
        for ids in sorted(rebuilt, key=lambda ids: min(rows[i][0] for i in ids)):
            members = sorted(
                [*ids, *(c for i in ids for c in copies.get(i, []))], key=lambda i: rows[i][0]
            )
            self._rebuild(members, rows)
            placed.update(members)
        for aid in sorted(set(rows) - placed, key=lambda i: rows[i][0]):
            # A copy whose original is elsewhere, or an article no group holds: a story of its own.
            self._rebuild([aid], rows)
        for sid in changed:  # emptied: every article has moved (articles refer to stories)
            live = self._story(sid)
            if live is not None:
                self._delete_story(sid, live)

    def _rebuild(
        self,
        members: list[str],
        rows: Mapping[str, tuple[int, str | None, float, bytes, float, float]],
    ) -> None:
        """A new story of these stored articles, summed as when they were added."""
        story = self._new_story(rows[members[0]][2], False)
        for aid in members:
            seq, duplicate_of, seen, packed, offset, scale = rows[aid]
            vector = unpack_vectors(packed)[0]
            scaled = {t: w * scale for t, w in vector.items()}
            self._join(story, vector, scaled, offset, scale, seen, counted=duplicate_of is None)
            self.conn_.execute("UPDATE articles SET story_id = ? WHERE seq = ?", (story, seq))
