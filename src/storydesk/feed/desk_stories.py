"""The desk's stories in SQLite and in memory: read, remember (LRU), write, and junk pages.

A mixin of ``Desk`` (feed/desk.py): it holds the story bookkeeping so that the desk module keeps
to the assignment logic. Every write goes through the desk's open transaction.

Writes are batched: a story that changes is marked dirty and written once, when the desk commits
(``_flush``), or earlier if it leaves memory; its index terms (``story_terms``) are written at
once, since the next article's candidates are looked up there. So a batch of articles and the
stories and index they change are always in the same transaction. A story's summed vectors are
stored packed (``feed.desk_codec``): reading an evicted story back costs no JSON parsing.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass

from storydesk.feed.cluster_tuning import ClusterTuning
from storydesk.feed.desk_codec import pack_pair, unpack_pair, unpack_vectors
from storydesk.feed.desk_index import copy_candidates, reindex_story, top_terms
from storydesk.feed.desk_state import LiveStory, Vector, add_into, dot
from storydesk.feed.similarity import group_z


@dataclass(frozen=True)
class StoryOutline:
    """What decides whether a story is worth reading in full (see ``z_ceiling``)."""

    members: int
    first: float
    last: float
    junk: bool
    offsets: float
    scales: float


def z_ceiling(offset: float, scale: float, story: StoryOutline) -> float:
    """An upper bound of a new article's average z with a story, from the story's sums alone.

    The article's scaled vector has length ``scale`` (unit vector times scale); the story's
    summed scaled vector at most the sum of its members' scales (triangle inequality). So their
    dot product is at most ``scale * scales`` (Cauchy-Schwarz), with a margin far above rounding.
    A story whose ceiling is below the z its dates need (three years apart: ~9 times the
    threshold) cannot be joined and is not read: stale stories cost one small row.
    """
    ceiling = scale * story.scales * (1.0 + 1e-6) + 1e-9
    return group_z(ceiling, offset, scale, 1, story.offsets, story.scales, story.members)


_IN_SLICE = 500  # seqs per ``IN (...)`` list: far below SQLite's limit on bound variables


def _rows_by_seq(conn: sqlite3.Connection, columns: str, seqs: list[int]) -> list[tuple]:
    """``SELECT columns FROM articles`` of these seqs, in slices, in seq order."""
    rows: list[tuple] = []
    for start in range(0, len(seqs), _IN_SLICE):
        part = seqs[start : start + _IN_SLICE]
        marks = ",".join("?" * len(part))
        rows += conn.execute(
            f"SELECT {columns} FROM articles WHERE seq IN ({marks}) ORDER BY seq", part
        ).fetchall()
    return rows


class DeskStories:
    """Story bookkeeping of the desk; ``Desk`` sets the attributes declared here."""

    conn_: sqlite3.Connection
    tuning: ClusterTuning
    live_stories: int
    stories_: OrderedDict[int, LiveStory]
    dirty_: dict[int, int]  # story -> change of its size not yet written

    def _story(self, sid: int) -> LiveStory | None:
        """A story from memory, or read into memory (evicting the least recently used)."""
        live = self.stories_.get(sid)
        if live is not None:
            self.stories_.move_to_end(sid)
            return live
        row = self.conn_.execute(
            "SELECT s.first_seen, s.last_seen, s.junk, t.members, t.offset_sum, t.scale_sum,"
            " t.terms, t.scaled, CASE WHEN typeof(t.scaled) = 'blob' THEN NULL ELSE s.vector END"
            " FROM stories s JOIN story_stats t ON t.story_id = s.id WHERE s.id = ?",
            (sid,),
        ).fetchone()
        if row is None:
            return None
        first, last, junk, members, offsets, scales, terms, vectors, old_raw = row
        if old_raw is None:
            scaled, raw = unpack_pair(vectors)
        else:  # written before vectors were packed: JSON in both tables
            scaled, raw = json.loads(vectors), json.loads(old_raw)
        live = LiveStory(
            members, scaled, first, last, bool(junk), offsets, scales, json.loads(terms), raw
        )
        self._remember(sid, live)
        return live

    def _outline(self, sid: int) -> StoryOutline | None:
        """A story's counts and dates without its vectors: from memory, else one small read."""
        live = self.stories_.get(sid)
        if live is not None:
            return StoryOutline(
                live.members, live.first, live.last, live.junk, live.offsets, live.scales
            )
        row = self.conn_.execute(
            "SELECT t.members, s.first_seen, s.last_seen, s.junk, t.offset_sum, t.scale_sum"
            " FROM stories s JOIN story_stats t ON t.story_id = s.id WHERE s.id = ?",
            (sid,),
        ).fetchone()
        return (
            None
            if row is None
            else StoryOutline(row[0], row[1], row[2], bool(row[3]), row[4], row[5])
        )

    def _remember(self, sid: int, live: LiveStory) -> None:
        self.stories_[sid] = live
        while len(self.stories_) > self.live_stories:
            old, gone = self.stories_.popitem(last=False)
            if old in self.dirty_:
                self._write(old, gone)

    def _size(self, sid: int) -> int:
        """A story's size (articles, copies not counted), writes still pending included."""
        stored = self.conn_.execute("SELECT size FROM stories WHERE id = ?", (sid,)).fetchone()[0]
        return int(stored) + self.dirty_.get(sid, 0)

    def _copies(self, vector: Vector, keys: list[int]) -> list[tuple[float, int, str, int, bool]]:
        """(cosine, seq, id, story, junk) of stored near-identical copies, closest first.

        Every copy that is not junk yet; of the junk ones only as many as make the page a
        template (``_template``): a template page recurs without end (every earlier sighting
        shares its copy keys), and reading them all made each new sighting cost the number of
        earlier ones. The caller's decisions are the same: with that many copies the page is
        junk, and a junk page only detaches the copies that are not junk yet.
        """
        seqs = copy_candidates(self.conn_, keys)
        if not seqs:
            return []
        c = self.conn_
        flags = dict(_rows_by_seq(c, "seq, junk", seqs))
        columns = "seq, id, story_id, junk, vector"
        rows = _rows_by_seq(c, columns, [s for s in seqs if not flags[s]])
        found = self._close(vector, rows)
        enough = self.tuning.junk_min_copies - 1  # as in ``_template``
        for seq in reversed(seqs):  # the junk ones newest first, until the page is a template
            if len(found) >= enough:
                break
            if flags[seq]:
                found += self._close(vector, _rows_by_seq(c, columns, [seq]))
        return sorted(found, key=lambda x: (-x[0], x[1]))

    def _close(self, vector: Vector, rows: list[tuple]) -> list[tuple[float, int, str, int, bool]]:
        """(cosine, seq, id, story, junk) of the rows near-identical to ``vector``."""
        found = []
        for seq, aid, sid, junk, packed in rows:
            sim = dot(vector, unpack_vectors(packed)[0])
            if sim >= self.tuning.duplicate_similarity:
                found.append((sim, seq, aid, sid, bool(junk)))
        return found

    def _template(self, copies: list[tuple[float, int, str, int, bool]]) -> bool:
        """Whether the page, with these near copies, has been seen ``junk_min_copies`` times."""
        needed = self.tuning.junk_min_copies - 1  # sightings besides this one
        if len(copies) >= needed:
            return True
        return any(self._copies_seen(aid)[0] >= needed for _, _, aid, _, _ in copies)

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
        # An id SQLite reuses (the highest one was deleted) names a new story: old links to it
        # and through it lead nowhere rather than to the wrong story.
        if self.conn_.execute("DELETE FROM story_moves WHERE old_id = ?", (sid,)).rowcount:
            self.conn_.execute("DELETE FROM story_moves WHERE new_id = ?", (sid,))
        self.conn_.execute(
            "INSERT INTO story_stats(story_id, members, offset_sum, scale_sum, terms, scaled)"
            " VALUES (?, 0, 0, 0, '[]', ?)",
            (sid, pack_pair({}, {})),
        )
        self._remember(sid, LiveStory(0, {}, seen, seen, junk))
        return sid

    def _save(
        self, sid: int, live: LiveStory, size_delta: int, terms: list[str] | None = None
    ) -> None:
        """Note a changed story: its index terms now (``terms`` if known), the rest at commit."""
        if terms is None:
            terms = [] if live.junk else top_terms(live.raw)
        if terms != live.terms:
            reindex_story(self.conn_, sid, live.terms, terms)
            live.terms = terms
        self.dirty_[sid] = self.dirty_.get(sid, 0) + size_delta
        if sid not in self.stories_:  # a merge or junk detachment can outlive its eviction
            self._remember(sid, live)

    def _write(self, sid: int, live: LiveStory) -> None:
        """Write a dirty story: size, dates, label terms, and its packed sums."""
        labels = live.terms or top_terms(live.raw)  # junk stories are labelled but not indexed
        self.conn_.execute(
            "UPDATE stories SET size = size + ?, first_seen = ?, last_seen = ?, vector = ?"
            " WHERE id = ?",
            (
                self.dirty_.pop(sid),
                live.first,
                live.last,
                json.dumps({t: live.raw[t] for t in labels}),
                sid,
            ),
        )
        self.conn_.execute(
            "UPDATE story_stats SET members = ?, offset_sum = ?, scale_sum = ?, terms = ?,"
            " scaled = ? WHERE story_id = ?",
            (
                live.members,
                live.offsets,
                live.scales,
                json.dumps(live.terms),
                pack_pair(live.vector, live.raw),
                sid,
            ),
        )

    def _flush(self) -> None:
        """Write every dirty story (before the desk commits)."""
        for sid in sorted(self.dirty_):
            self._write(sid, self.stories_[sid])

    def _delete_story(self, sid: int, live: LiveStory, moved_to: int | None = None) -> None:
        """Delete an emptied story; ``moved_to``: the story most of its articles went to, where
        a link to it now leads (``desk_query.moved_story``)."""
        if moved_to is not None:
            self.conn_.execute(
                "INSERT OR REPLACE INTO story_moves(old_id, new_id) VALUES (?, ?)", (sid, moved_to)
            )
        reindex_story(self.conn_, sid, live.terms, [])
        self.conn_.execute("DELETE FROM story_stats WHERE story_id = ?", (sid,))
        self.conn_.execute("DELETE FROM stories WHERE id = ?", (sid,))
        self.stories_.pop(sid, None)
        self.dirty_.pop(sid, None)

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
        terms = None
        if not live.junk:
            # Weights only grow, so no term outside the old top and the article's terms can
            # enter the top: ranking those few equals ranking all (see top_terms).
            terms = top_terms({t: live.raw[t] for t in dict.fromkeys([*live.terms, *vector])})
        self._save(sid, live, int(counted), terms)

    def _detach_as_junk(self, seq: int) -> None:
        """A page now known to be a template leaves its story for a junk story of its own."""
        c = self.conn_
        aid, sid, junk, dup, seen, packed, offset, scale = c.execute(
            "SELECT a.id, a.story_id, a.junk, a.duplicate_of, a.seen, a.vector, s.offset, s.scale"
            " FROM articles a JOIN article_stats s ON s.seq = a.seq WHERE a.seq = ?",
            (seq,),
        ).fetchone()
        if junk:
            return
        vector = unpack_vectors(packed)[0]
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
