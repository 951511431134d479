"""The desk's stories in SQLite and in memory: read, remember (LRU), write, and junk pages.

A mixin of ``Desk`` (feed/desk.py): it holds the story bookkeeping so that the desk module keeps
to the assignment logic. Every write goes through the desk's open transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict

from storydesk.feed.cluster_tuning import ClusterTuning
from storydesk.feed.desk_index import copy_candidates, reindex_story, top_terms
from storydesk.feed.desk_state import LiveStory, Vector, add_into, dot


class DeskStories:
    """Story bookkeeping of the desk; ``Desk`` sets the attributes declared here."""

    conn_: sqlite3.Connection
    tuning: ClusterTuning
    live_stories: int
    stories_: OrderedDict[int, LiveStory]

    def _story(self, sid: int) -> LiveStory | None:
        """A story from memory, or read into memory (evicting the least recently used)."""
        live = self.stories_.get(sid)
        if live is not None:
            self.stories_.move_to_end(sid)
            return live
        row = self.conn_.execute(
            "SELECT s.first_seen, s.last_seen, s.junk, s.vector, t.members, t.offset_sum,"
            " t.scale_sum, t.terms, t.scaled FROM stories s JOIN story_stats t ON t.story_id = s.id"
            " WHERE s.id = ?",
            (sid,),
        ).fetchone()
        if row is None:
            return None
        first, last, junk, raw, members, offsets, scales, terms, scaled = row
        live = LiveStory(
            members,
            json.loads(scaled),
            first,
            last,
            bool(junk),
            offsets,
            scales,
            json.loads(terms),
            json.loads(raw),
        )
        self._remember(sid, live)
        return live

    def _remember(self, sid: int, live: LiveStory) -> None:
        self.stories_[sid] = live
        while len(self.stories_) > self.live_stories:
            self.stories_.popitem(last=False)

    def _copies(self, vector: Vector, keys: list[int]) -> list[tuple[float, int, str, int, bool]]:
        """(cosine, seq, id, story, junk) of stored near-identical copies, closest first."""
        found = []
        for seq in copy_candidates(self.conn_, keys):
            aid, sid, junk, text = self.conn_.execute(
                "SELECT id, story_id, junk, vector FROM articles WHERE seq = ?", (seq,)
            ).fetchone()
            sim = dot(vector, json.loads(text))
            if sim >= self.tuning.duplicate_similarity:
                found.append((sim, seq, aid, sid, bool(junk)))
        return sorted(found, key=lambda x: (-x[0], x[1]))

    def _copies_seen(self, article_id: str) -> tuple[int, int]:
        """(sightings, seq of the original) of a page: original, near copies, and their aliases."""
        c = self.conn_
        root = c.execute(
            "SELECT coalesce(duplicate_of, id) FROM articles WHERE id = ?", (article_id,)
        ).fetchone()[0]
        group = [
            r[0]
            for r in c.execute(
                "SELECT id FROM articles WHERE id = ? OR duplicate_of = ?", (root, root)
            )
        ]
        marks = ",".join("?" * len(group))
        aliases = c.execute(
            f"SELECT count(*) FROM aliases WHERE original_id IN ({marks})", group
        ).fetchone()[0]
        seq = c.execute("SELECT seq FROM articles WHERE id = ?", (root,)).fetchone()[0]
        return len(group) + aliases, seq

    def _new_story(self, seen: float, junk: bool) -> int:
        cur = self.conn_.execute(
            "INSERT INTO stories(size, first_seen, last_seen, junk, vector)"
            " VALUES (0, ?, ?, ?, '{}')",
            (seen, seen, int(junk)),
        )
        sid = int(cur.lastrowid or 0)
        self.conn_.execute(
            "INSERT INTO story_stats(story_id, members, offset_sum, scale_sum, terms, scaled)"
            " VALUES (?, 0, 0, 0, '[]', '{}')",
            (sid,),
        )
        self._remember(sid, LiveStory(0, {}, seen, seen, junk))
        return sid

    def _save(self, sid: int, live: LiveStory, size_delta: int) -> None:
        """Write a changed story, and its index terms if they changed."""
        terms = [] if live.junk else top_terms(live.raw)
        if terms != live.terms:
            reindex_story(self.conn_, sid, live.terms, terms)
            live.terms = terms
        self.conn_.execute(
            "UPDATE stories SET size = size + ?, first_seen = ?, last_seen = ?, vector = ?"
            " WHERE id = ?",
            (size_delta, live.first, live.last, json.dumps(live.raw), sid),
        )
        self.conn_.execute(
            "UPDATE story_stats SET members = ?, offset_sum = ?, scale_sum = ?, terms = ?,"
            " scaled = ? WHERE story_id = ?",
            (
                live.members,
                live.offsets,
                live.scales,
                json.dumps(live.terms),
                json.dumps(live.vector),
                sid,
            ),
        )

    def _delete_story(self, sid: int, live: LiveStory) -> None:
        reindex_story(self.conn_, sid, live.terms, [])
        self.conn_.execute("DELETE FROM story_stats WHERE story_id = ?", (sid,))
        self.conn_.execute("DELETE FROM stories WHERE id = ?", (sid,))
        self.stories_.pop(sid, None)

    def _join(
        self,
        sid: int,
        vector: Vector,
        scaled: Vector,
        offset: float,
        scale: float,
        seen: float,
        *,
        counted: bool,
    ) -> None:
        live = self._story(sid)
        assert live is not None
        live.members += 1
        live.offsets += offset
        live.scales += scale
        add_into(live.vector, scaled)
        add_into(live.raw, vector)
        live.first, live.last = min(live.first, seen), max(live.last, seen)
        self._save(sid, live, int(counted))

    def _detach_as_junk(self, seq: int) -> None:
        """A page now known to be a template leaves its story for a junk story of its own."""
        c = self.conn_
        aid, sid, junk, dup, seen, text, offset, scale = c.execute(
            "SELECT a.id, a.story_id, a.junk, a.duplicate_of, a.seen, a.vector, s.offset, s.scale"
            " FROM articles a JOIN article_stats s ON s.seq = a.seq WHERE a.seq = ?",
            (seq,),
        ).fetchone()
        if junk:
            return
        vector = json.loads(text)
        scaled = {t: w * scale for t, w in vector.items()}
        live = self._story(sid)
        if live is not None:
            live.members -= 1
            live.offsets -= offset
            live.scales -= scale
            add_into(live.vector, scaled, -1.0)
            add_into(live.raw, vector, -1.0)
            self._save(sid, live, -int(dup is None))
        new = self._new_story(seen, True)
        self._join(new, vector, scaled, offset, scale, seen, counted=True)
        c.execute(
            "UPDATE articles SET story_id = ?, junk = 1, duplicate_of = NULL WHERE seq = ?",
            (new, seq),
        )
        if live is not None and live.members == 0:
            self._delete_story(sid, live)
        # Near copies of a template page are template pages too.
        copies = c.execute("SELECT seq FROM articles WHERE duplicate_of = ?", (aid,)).fetchall()
        for (copy,) in copies:
            self._detach_as_junk(copy)
