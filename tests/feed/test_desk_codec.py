"""Packed desk vectors: exact weights, kept term order, and JSON from older desks still read."""

from __future__ import annotations

import json
import random

import pytest

from storydesk.feed.desk_codec import pack_pair, pack_vectors, unpack_pair, unpack_vectors


def _vector(size: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    # Weights that JSON would print with 17 digits, and terms in no sorted order.
    return {f"t{rng.randrange(10**9)}é'x": rng.random() / 3.0 for _ in range(size)}


@pytest.mark.parametrize("size", [0, 1, 7, 3000])
def test_pack_vectors_round_trips_weights_exactly_in_term_order(size: int) -> None:
    vector = _vector(size, size)
    (back,) = unpack_vectors(pack_vectors(vector))
    assert back == vector and list(back) == list(vector)
    assert all(back[t].hex() == vector[t].hex() for t in vector)


@pytest.mark.parametrize("same_order", [True, False])
def test_pack_pair_round_trips_two_vectors(same_order: bool) -> None:
    first = _vector(50, 1)
    second = {t: w * 2.5 for t, w in first.items()}
    if not same_order:
        second = dict(reversed(list(second.items())))
    back_first, back_second = unpack_pair(pack_pair(first, second))
    assert (back_first, back_second) == (first, second)
    assert list(back_second) == list(second)


def test_pack_pair_with_shared_terms_is_smaller_than_json() -> None:
    first = _vector(500, 2)
    second = {t: w * 3.0 for t, w in first.items()}
    assert len(pack_pair(first, second)) < len(json.dumps(first)) + len(json.dumps(second))


def test_unpack_vectors_reads_json_text_of_older_desks() -> None:
    vector = _vector(20, 3)
    assert unpack_vectors(json.dumps(vector)) == [vector]


@pytest.mark.parametrize(
    ("vectors", "message"),
    [(({"a": 1.0}, {"b": 1.0}), "different terms"), (({"a\x00b": 1.0},), "NUL")],
)
def test_pack_vectors_refuses_what_it_could_not_read_back(vectors: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pack_vectors(*vectors)


def test_unpack_vectors_refuses_a_foreign_blob() -> None:
    with pytest.raises(ValueError, match="not a packed desk vector"):
        unpack_vectors(b"XXXX" + bytes(8))
