"""Reading articles and stories: every input kind, and every kind of bad input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from storydesk.errors import InputError
from storydesk.ingest import read_articles, read_feed, read_stories, source
from storydesk.types import Article, Story

TEXT = "The bridge was closed on Tuesday after a crack was found, officials said.\n"


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# --- input kinds ----------------------------------------------------------


def test_read_articles_txt_keeps_text_exactly_and_finds_headline(fixtures: Path) -> None:
    path = fixtures / "ingest" / "junky-report.txt"
    (article,) = read_articles([path])
    assert article.id == "junky-report"
    assert article.text == path.read_text(encoding="utf-8")
    assert article.title == "Storm knocks out power across Millbrook valley"
    assert article.origin == str(path)


@pytest.mark.parametrize(
    "first_line",
    ["The bridge was closed on Tuesday.", "a lowercase start of a sentence", "Word"],
)
def test_read_articles_txt_first_line_not_a_headline(tmp_path: Path, first_line: str) -> None:
    (article,) = read_articles([_write(tmp_path / "a.txt", f"{first_line}\n\n{TEXT}")])
    assert article.title is None


def test_read_articles_seed_folder_sorted(seed_dir: Path) -> None:
    articles = read_articles([seed_dir])
    assert [a.id for a in articles] == ["report-1", "report-2"]
    assert articles[1].title == "'Jessica Jones' season 2 update"
    assert articles[0].title is None  # its first line is a dateline and a video notice


def test_read_articles_html_extracts_text_and_metadata(fixtures: Path) -> None:
    (article,) = read_articles([fixtures / "ingest" / "page.html"])
    assert article.id == "page"
    assert article.title == "Library reopens after flood"
    assert article.author == "Priya Nandakumar"
    assert article.published == "2024-02-05"
    assert article.source == "Valley Times"
    assert article.url == "https://valleytimes.example/library-reopens"
    assert "burst pipe flooded its ground floor" in article.text
    assert "<p>" not in article.text and "Home" not in article.text


def test_read_articles_html_without_article_text(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no article text"):
        read_articles(
            [
                _write(
                    tmp_path / "x.html",
                    "<html><head><script>var x = 1;</script></head><body></body></html>",
                )
            ]
        )


def test_read_articles_jsonl_fields(fixtures: Path) -> None:
    first, second = read_articles([fixtures / "ingest" / "feed.jsonl"])
    assert first == Article(
        id="a1",
        text="The council approved the new budget on Monday.",
        title="Budget passes",
        url="https://example.org/a1",
        source="Example News",
        published="2024-01-02",
        origin=str(fixtures / "ingest" / "feed.jsonl"),
    )
    assert second.id == "2"  # an int id becomes a string


def test_read_articles_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g1", "text": TEXT}) + "\n")
    (article,) = read_articles([path])
    assert (article.id, article.text) == ("g1", TEXT)


def test_read_articles_folder_skips_hidden_subfolders_and_other_files(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", TEXT)
    _write(tmp_path / "a.txt", TEXT)
    _write(tmp_path / ".hidden.txt", TEXT)
    _write(tmp_path / "notes.csv", "x,y\n")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub" / "c.txt", TEXT)
    assert [a.id for a in read_articles([tmp_path])] == ["a", "b"]


def test_read_articles_repeated_stems_made_unique(tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    paths = [_write(tmp_path / d / "report.txt", TEXT) for d in ("one", "two", "one")]
    assert [a.id for a in read_articles(paths)] == ["report", "report-2", "report-3"]


def test_read_articles_stdin_text() -> None:
    (article,) = read_articles(["-"], stdin=io.StringIO(TEXT))
    assert (article.id, article.text, article.origin) == ("stdin", TEXT, "stdin")


def test_read_articles_stdin_jsonl() -> None:
    lines = "\n".join(json.dumps({"id": f"s{n}", "text": TEXT}) for n in range(3))
    articles = read_articles(["-"], stdin=io.StringIO(lines))
    assert [a.id for a in articles] == ["s0", "s1", "s2"]


# --- bad input --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n ", "only whitespace"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("controls.txt", bytes(range(1, 9)) * 50, "binary"),
        ("feed.jsonl.gz", b"\x1f\x8b\x08\x00garbage-not-gzip", "compressed"),
        ("bad.jsonl", b'{"id": "a", "text": "ok"}\n{"id": "b", "text": \n', "malformed JSON"),
        ("missing.jsonl", b'{"id": "a"}\n', 'missing field "text"'),
        ("noid.jsonl", b'{"text": "x"}\n', 'missing field "id"'),
        ("badtype.jsonl", b'{"id": ["a"], "text": "x"}\n', 'field "id" must be a string'),
        (
            "dup.jsonl",
            b'{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n',
            "duplicate article id 'a'",
        ),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_read_articles_bad_file(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = _write(tmp_path / name, data)
    with pytest.raises(InputError, match=message) as caught:
        read_articles([path])
    assert caught.value.where is not None and caught.value.where.startswith(str(path))


def test_read_articles_malformed_jsonl_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.jsonl", '{"id": "a", "text": "ok"}\n\n{"id": "b", "text": \n')
    with pytest.raises(InputError) as caught:
        read_articles([path])
    assert caught.value.where == f"{path}:3"


def test_read_articles_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="input not found") as caught:
        read_articles([tmp_path / "nope.txt"])
    assert caught.value.hint


def test_read_articles_empty_folder(tmp_path: Path) -> None:
    _write(tmp_path / "readme.csv", "a,b\n")
    with pytest.raises(InputError, match="no readable files"):
        read_articles([tmp_path])


def test_read_articles_empty_stdin() -> None:
    with pytest.raises(InputError, match="stdin is empty"):
        read_articles(["-"], stdin=io.StringIO("   \n"))


def test_read_articles_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_TEXT_BYTES", 100)
    with pytest.raises(InputError, match="too big"):
        read_articles([_write(tmp_path / "big.txt", TEXT * 5)])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            "Café owners said the rent rose by 20%.".encode("cp1252"),
            "Café owners said the rent rose by 20%.",
        ),
        ("“Quoted” text from Word.".encode("cp1252"), "“Quoted” text from Word."),
        ("\ufeffA file saved with a BOM.".encode(), "A file saved with a BOM."),
        ("Ünïcödé in UTF-8.".encode(), "Ünïcödé in UTF-8."),
    ],
)
def test_read_articles_decodes_non_utf8(tmp_path: Path, data: bytes, expected: str) -> None:
    (article,) = read_articles([_write(tmp_path / "a.txt", data)])
    assert article.text == expected


# --- stories and feeds ------------------------------------------------------


def test_read_stories_yields_errors_in_place(fixtures: Path) -> None:
    path = fixtures / "ingest" / "stories.jsonl"
    items = list(read_stories(path))
    assert [type(i).__name__ for i in items] == [
        "Story",
        "Story",
        "InputError",
        "InputError",
        "Story",
    ]
    first, second, missing, broken, fifth = items
    assert isinstance(first, Story) and first.references == ("A fire broke out.",)
    assert [a.id for a in first.articles] == ["d1", "d2"]
    assert isinstance(second, Story) and [a.id for a in second.articles] == ["d1", "d2"]
    assert second.articles[1].text == "Plain string document two."
    assert isinstance(missing, InputError) and missing.where is not None
    assert missing.where.startswith(f"{path}:3") and 'missing field "text"' in missing.message
    assert isinstance(broken, InputError) and broken.where == f"{path}:4"
    assert isinstance(fifth, Story) and fifth.id == "s5"


def test_read_stories_skip_bad_leaves_bad_lines_out(fixtures: Path) -> None:
    stories = list(read_stories(fixtures / "ingest" / "stories.jsonl", skip_bad=True))
    assert [s.id for s in stories if isinstance(s, Story)] == ["s1", "s2", "s5"]
    assert len(stories) == 3


def test_read_stories_shared_raw_dev(shared_data: Path) -> None:
    stories = list(read_stories(shared_data / "multinews-raw" / "dev.jsonl.gz"))
    assert len(stories) == 60
    assert all(isinstance(s, Story) and s.references for s in stories)


def test_read_stories_truncated_gzip(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"s{n}", "documents": [TEXT * 20]}) + "\n" for n in range(50))
    data = gzip.compress(lines.encode())
    path = _write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    with pytest.raises(InputError, match="corrupt or truncated"):
        list(read_stories(path))


def test_read_feed_streams_and_reports_duplicates(tmp_path: Path) -> None:
    rows = [{"id": "a", "text": TEXT}, {"id": "a", "text": TEXT}, {"id": "b", "text": TEXT}]
    path = _write(tmp_path / "feed.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    items = read_feed(path)
    assert not isinstance(items, list)
    got = list(items)
    assert isinstance(got[1], InputError) and "duplicate article id 'a'" in got[1].message
    assert [a.id for a in got if isinstance(a, Article)] == ["a", "b"]
    assert [a.id for a in read_feed(path, skip_bad=True) if isinstance(a, Article)] == ["a", "b"]


def test_read_feed_folder_and_stdin(fixtures: Path) -> None:
    folder_ids = [a.id for a in read_feed(fixtures / "ingest") if isinstance(a, Article)]
    assert folder_ids == ["a1", "2", "junky-report", "page"]
    stdin = io.StringIO(json.dumps({"id": "x", "text": TEXT}) + "\nnot json\n")
    got = list(read_feed("-", stdin=stdin))
    assert isinstance(got[0], Article) and isinstance(got[1], InputError)
    assert got[1].where == "stdin:2"
