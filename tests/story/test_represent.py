from __future__ import annotations

import numpy as np
import pytest

from storydesk.story.represent import represent, term_matrix

ROWS = [
    ["bridg", "close", "bridg", "storm"],
    [],
    ["storm", "harbor", "close"],
    ["harbor"],
]


@pytest.mark.parametrize("idf", [None, {"bridg": 2.0, "storm": 1.5}])
def test_term_matrix_rows_are_unit_sublinear_tfidf(idf: dict[str, float] | None) -> None:
    built = term_matrix(ROWS, idf=idf, default_idf=3.0 if idf else None)
    dense = built.matrix.toarray()
    assert list(built.vocabulary) == ["bridg", "close", "storm", "harbor"]  # first appearance
    for row, terms in zip(dense, ROWS, strict=True):
        expected = np.zeros(len(built.vocabulary))
        for term in set(terms):
            j = built.vocabulary[term]
            expected[j] = (1 + np.log(terms.count(term))) * built.idf[j]
        norm = np.linalg.norm(expected)
        np.testing.assert_allclose(row, expected / norm if norm else expected, rtol=1e-12)
    if idf:
        assert built.idf[built.vocabulary["close"]] == 3.0  # unknown terms: the default
    # The given order of every row is kept beside the matrix.
    assert built.index.tolist() == [0, 1, 0, 2, 2, 3, 1, 3]
    assert built.indptr.tolist() == [0, 4, 4, 7, 8]


def test_represent_article_terms_count_reports_not_repeats() -> None:
    texts = [
        "The harbor bridge closed after the storm.",
        "Engineers inspected the harbor bridge again.",
        "The storm damaged the harbor bridge.",
    ]
    rep = represent(texts, [0, 0, 1], 2)
    # "harbor" and "bridg" are in both reports; "storm" in both; "close" in report 0 only.
    first = sorted(rep.content[0])
    users = {"bridg": 2, "close": 1, "harbor": 2, "storm": 2}
    assert rep.article_terms[0] == pytest.approx(sum(users[t] for t in first) / (len(first) * 2))
    assert rep.term_indptr.tolist()[0] == 0
    ids = rep.term_index[rep.term_indptr[0] : rep.term_indptr[1]]
    names = {j: t for t, j in rep.terms.vocabulary.items()}
    assert [names[j] for j in ids] == first


def test_tokens_are_ascii_runs_and_content_terms_drop_single_characters() -> None:
    from storydesk.story.represent import STOPWORDS, content_terms, tokens

    toks = tokens("Ünïcödé Straße — “quoted” 42½ naïve café, x 7 A.B.C. the storm_surge")
    assert all(t.isascii() and t.isalnum() and t == t.lower() for t in toks)
    assert content_terms(toks) == [t for t in toks if len(t) > 1 and t not in STOPWORDS]
    assert content_terms(["a", "7", "of", "storm", "42", "storm"]) == ["storm", "42", "storm"]


@pytest.mark.parametrize(
    "table",
    [
        {"bridg": 2.5, "close": 1.25},
        {"bridg": float("nan"), "close": 1.25},  # a table holding NaN is asked for its terms
        {},
    ],
)
@pytest.mark.parametrize("default_idf", [None, 7.0])
def test_term_matrix_weights_are_the_table_lookups(
    table: dict[str, float], default_idf: float | None
) -> None:
    """Each term's weight is its table value, else the fallback; ``known`` marks the former."""
    rows = [["bridg", "close", "harbor"], ["harbor", "close"]]
    terms = term_matrix(rows, idf=table, default_idf=default_idf)
    fallback = default_idf if default_idf is not None else max(table.values(), default=1.0)
    expected = [table.get(t, fallback) for t in terms.vocabulary]
    np.testing.assert_array_equal(terms.idf, np.asarray(expected))
    assert terms.known is not None
    assert terms.known.tolist() == [t in table for t in terms.vocabulary]
    assert terms.background is table


def test_idf_features_match_a_fresh_lookup_in_the_table() -> None:
    """idf_mean/idf_max read the representation's lookups: the same as looking terms up."""
    from storydesk.story.rank.features import _row_idf

    texts = ["The harbor bridge closed on Monday.", "Engineers found rust on the bridge cables."]
    table = {"bridg": 2.5, "harbor": 1.5, "engin": 3.0}
    rep = represent(texts, [0, 1], 2, idf=table)
    mean, largest = _row_idf(rep, table, 9.0)
    for i, content in enumerate(rep.content):
        values = [table.get(t, 9.0) for t in sorted(content)]
        assert mean[i] == sum(values) / len(values)
        assert largest[i] == max(values)
