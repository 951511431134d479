"""Sparse rows in plain NumPy (CSR arrays), with the few products a story's stages need.

SciPy's sparse package costs about a second of imports at start-up (its array-API layer loads
``numpy.f2py`` and ``numpy.ma``), and a story needs only products of its rows with vectors,
with other rows and sums over groups of rows. ``np.bincount`` adds its weights one after the
other in array order, which is the order SciPy's CSR kernels add products in (entry after
entry, row after row), so every result here is bit-identical to the SciPy product it replaces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np


@dataclass(frozen=True)
class SparseRows:
    """Rows of a sparse matrix: row i's entries are ``values[indptr[i]:indptr[i + 1]]`` in
    columns ``columns[indptr[i]:indptr[i + 1]]``; products add a row's entries in that order."""

    values: np.ndarray  # float64
    columns: np.ndarray  # int64
    indptr: np.ndarray  # int64, n_rows + 1
    n_columns: int

    @classmethod
    def binary(cls, rows: Sequence[Sequence[int]], n_columns: int) -> SparseRows:
        """Rows holding 1.0 in the given columns (each row's columns ascending, distinct)."""
        sizes = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        columns = np.fromiter(
            (c for row in rows for c in row), dtype=np.int64, count=int(sizes.sum())
        )
        indptr = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        return cls(np.ones(columns.size), columns, indptr, n_columns)

    @property
    def n_rows(self) -> int:
        return self.indptr.size - 1

    @cached_property
    def row_of(self) -> np.ndarray:
        """The row of every stored entry."""
        return np.repeat(np.arange(self.n_rows), np.diff(self.indptr))

    def row(self, i: int) -> np.ndarray:
        """Columns of row i's entries."""
        return self.columns[self.indptr[i] : self.indptr[i + 1]]

    def take(self, rows: np.ndarray) -> SparseRows:
        """The given rows, in that order, as a matrix of their own."""
        starts = self.indptr[rows]
        counts = self.indptr[rows + 1] - starts
        picked = ragged_indices(starts, counts)
        indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        return SparseRows(self.values[picked], self.columns[picked], indptr, self.n_columns)

    @cached_property
    def all_ones(self) -> bool:
        """Whether every stored value is 1.0 (then x * 1.0 == x: products need no multiply)."""
        return bool((self.values == 1.0).all())

    def dot(self, vector: np.ndarray) -> np.ndarray:
        """Each row times ``vector`` (one value per row): ``matrix @ vector``."""
        gathered = vector[self.columns]
        products = gathered if self.all_ones else self.values * gathered
        return np.bincount(self.row_of, weights=products, minlength=self.n_rows)

    def dot_chosen(self, table: np.ndarray, choice: np.ndarray) -> np.ndarray:
        """Row i times ``table[choice[i]]``: one column of ``matrix @ table.T`` per row."""
        products = self.values * table[choice[self.row_of], self.columns]
        return np.bincount(self.row_of, weights=products, minlength=self.n_rows)

    def group_sums(self, group_of_row: np.ndarray, n_groups: int) -> np.ndarray:
        """Dense (groups, columns) sums of the rows of each group, added in row order."""
        keys = group_of_row[self.row_of] * self.n_columns + self.columns
        sums = np.bincount(keys, weights=self.values, minlength=n_groups * self.n_columns)
        return sums.reshape(n_groups, self.n_columns)

    def products(self, other: SparseRows) -> np.ndarray:
        """Dense (self rows, other rows) dot products: ``self @ other.T``.

        Each entry of self meets the entries of ``other`` in its column (a join over the
        column's postings), so the work is the number of non-zero products, as in SciPy.
        """
        by_column = np.argsort(other.columns, kind="stable")  # rows ascending within a column
        posting_rows = other.row_of[by_column]
        posting_values = other.values[by_column]
        per_column = np.bincount(other.columns, minlength=self.n_columns)
        column_start = np.concatenate(([0], np.cumsum(per_column)))
        counts = per_column[self.columns]
        postings = ragged_indices(column_start[self.columns], counts)
        keys = np.repeat(self.row_of * other.n_rows, counts) + posting_rows[postings]
        weights = np.repeat(self.values, counts) * posting_values[postings]
        sums = np.bincount(keys, weights=weights, minlength=self.n_rows * other.n_rows)
        return sums.reshape(self.n_rows, other.n_rows)

    def toarray(self) -> np.ndarray:
        dense = np.zeros((self.n_rows, self.n_columns))
        dense[self.row_of, self.columns] = self.values
        return dense


def ragged_indices(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``starts[k], starts[k] + 1, …, starts[k] + counts[k] - 1`` for every k, concatenated."""
    ends = np.cumsum(counts)
    return np.arange(int(ends[-1]) if ends.size else 0) + np.repeat(
        starts - (ends - counts), counts
    )


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` by a sort: np.unique's hashing path imports numpy.ma (~20 ms of
    start-up) for an integer array."""
    ordered = np.sort(values)
    return (
        ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if ordered.size else ordered
    )
