"""Compact binary storage of the desk's sparse vectors (term -> weight), read on the hot path.

JSON made reading a story back from SQLite cost a float parse per term (a story of a few hundred
articles has thousands); this format is the terms, NUL-separated UTF-8, then their weights as
little-endian float64, so reading is one split and one array copy. Weights round-trip exactly and
the terms keep their order (sums over a vector add in the same order as before it was stored).
Two vectors over the same terms in the same order (a story's scaled and plain sums) share the
term list. Text is JSON from desks written before this format and is still read.
"""

from __future__ import annotations

import json
import struct
import sys
from array import array

Vector = dict[str, float]

_MAGIC = b"SDV1"
_HEAD = struct.Struct("<4sII")  # magic, number of terms, number of weight arrays


def pack_vectors(*vectors: Vector) -> bytes:
    """One blob of vectors that all have the same terms in the same order (see ``unpack``)."""
    terms = list(vectors[0]) if vectors else []
    if any(list(v) != terms for v in vectors[1:]):
        raise ValueError("pack_vectors: vectors with different terms or term order")
    if any("\x00" in t for t in terms):  # the analyzer's tokens never hold NUL
        raise ValueError("pack_vectors: a term holds a NUL character")
    parts = [_HEAD.pack(_MAGIC, len(terms), len(vectors)), "\x00".join(terms).encode("utf-8")]
    for vector in vectors:
        weights = array("d", vector.values())
        if sys.byteorder == "big":
            weights.byteswap()
        parts.append(weights.tobytes())
    return b"".join(parts)


def unpack_vectors(blob: bytes | str) -> list[Vector]:
    """The vectors of ``pack_vectors``; a JSON text (older desks) is one vector."""
    if isinstance(blob, str):
        return [json.loads(blob)]
    magic, count, arrays = _HEAD.unpack_from(blob)
    if magic != _MAGIC:
        raise ValueError("not a packed desk vector")
    end = len(blob) - 8 * count * arrays
    terms = blob[_HEAD.size : end].decode("utf-8").split("\x00") if count else []
    out = []
    for n in range(arrays):
        weights = array("d")
        weights.frombytes(blob[end + 8 * count * n : end + 8 * count * (n + 1)])
        if sys.byteorder == "big":
            weights.byteswap()
        out.append(dict(zip(terms, weights, strict=True)))
    return out


def pack_pair(first: Vector, second: Vector) -> bytes:
    """Two vectors in one blob: sharing the term list when their terms and order agree."""
    if list(first) == list(second):
        return pack_vectors(first, second)
    return struct.pack("<I", 0) + _length_prefixed(pack_vectors(first)) + pack_vectors(second)


def unpack_pair(blob: bytes) -> tuple[Vector, Vector]:
    if blob[:4] == _MAGIC:
        first, second = unpack_vectors(blob)
        return first, second
    size = struct.unpack_from("<I", blob, 4)[0]
    return unpack_vectors(blob[8 : 8 + size])[0], unpack_vectors(blob[8 + size :])[0]


def _length_prefixed(blob: bytes) -> bytes:
    return struct.pack("<I", len(blob)) + blob
