"""SparseRows must give SciPy's CSR products bit for bit (the ranker's features and the
selector's gains were computed with SciPy when the model was trained)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from storydesk.story.sparse_rows import SparseRows, ragged_indices, sorted_distinct


def _random_rows(seed: int, n_rows: int, n_columns: int) -> tuple[SparseRows, sparse.csr_matrix]:
    rng = np.random.default_rng(seed)
    dense = rng.random((n_rows, n_columns)) * (rng.random((n_rows, n_columns)) < 0.3)
    dense[rng.integers(0, n_rows)] = 0.0  # an empty row
    matrix = sparse.csr_matrix(dense)
    rows = SparseRows(
        matrix.data.astype(np.float64),
        matrix.indices.astype(np.int64),
        matrix.indptr.astype(np.int64),
        n_columns,
    )
    return rows, matrix


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sparse_rows_products_equal_scipy_bit_for_bit(seed: int) -> None:
    rows, matrix = _random_rows(seed, 40, 25)
    rng = np.random.default_rng(seed + 10)
    vector = rng.random(25)
    table = rng.random((4, 25))
    choice = rng.integers(0, 4, 40)
    groups = np.sort(rng.integers(0, 5, 40))
    assert np.array_equal(rows.dot(vector), matrix @ vector)
    assert np.array_equal(rows.dot_chosen(table, choice), (matrix @ table.T)[np.arange(40), choice])
    membership = sparse.csr_matrix((np.ones(40), (groups, np.arange(40))), shape=(5, 40))
    assert np.array_equal(rows.group_sums(groups, 5), (membership @ matrix).toarray())
    picked = np.array([3, 0, 17, 39])
    assert np.array_equal(rows.take(picked).toarray(), matrix[picked].toarray())
    assert np.array_equal(rows.products(rows.take(picked)), (matrix @ matrix[picked].T).toarray())
    assert np.array_equal(rows.toarray(), matrix.toarray())


def test_sparse_rows_binary_rows_and_row_access() -> None:
    rows = SparseRows.binary([[0, 2], [], [1]], 3)
    assert rows.n_rows == 3
    assert rows.toarray().tolist() == [[1.0, 0.0, 1.0], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    assert rows.row(0).tolist() == [0, 2]
    assert rows.row(1).tolist() == []
    assert rows.dot(np.array([1.0, 10.0, 100.0])).tolist() == [101.0, 0.0, 10.0]


def test_ragged_indices_and_sorted_distinct() -> None:
    starts, counts = np.array([5, 0, 9]), np.array([2, 0, 3])
    assert ragged_indices(starts, counts).tolist() == [5, 6, 9, 10, 11]
    assert ragged_indices(np.array([], dtype=np.int64), np.array([], dtype=np.int64)).size == 0
    values = np.array([7, 3, 3, 9, 7, 0])
    assert np.array_equal(sorted_distinct(values), np.unique(values))
    assert sorted_distinct(np.array([], dtype=np.int64)).size == 0
