"""A small desk built from the hand-written fixture feed, and apps and clients over copies of it."""

from __future__ import annotations

import json
import shutil
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

# Starlette's TestClient warns that it wants the httpx2 package; httpx works, and is what we have.
warnings.filterwarnings("ignore", message="Using `httpx` with", category=DeprecationWarning)
pytest.importorskip(
    "fastapi", reason="the web desk needs the http extra (pip install -e '.[http]')"
)

from fastapi.testclient import TestClient  # noqa: E402

from storydesk.feed.desk import Desk  # noqa: E402
from storydesk.types import Article  # noqa: E402
from storydesk.web.app import create_app  # noqa: E402

FIXTURE_FEED = Path(__file__).resolve().parents[1] / "fixtures" / "cluster_feed.jsonl"


def load_feed() -> list[Article]:
    lines = FIXTURE_FEED.read_text(encoding="utf-8").splitlines()
    return [Article(**json.loads(line)) for line in lines if line.strip()]


EVIL = Article(
    id="evil-1",
    title='<script>alert("title")</script> Harbour council votes',
    text=(
        "The harbour council voted on Tuesday to close the old ferry pier for repairs. "
        '<script>alert("text")</script> Council members said the pier had rusted badly. '
        "The repairs will cost about two million pounds and take a year, the council said."
    ),
    source="<b>bold source</b>",
    url="javascript:alert('url')",
    published="2024-03-05T10:00:00+00:00",
)


@pytest.fixture(scope="session")
def built_desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "desk.sqlite"
    with Desk(path) as desk:
        desk.add([*load_feed(), EVIL])
    return path


@pytest.fixture
def desk_file(built_desk: Path, tmp_path: Path) -> Path:
    """A private copy of the fixture desk, so a test may write to it."""
    copy = tmp_path / "desk.sqlite"
    shutil.copy(built_desk, copy)
    return copy


MakeClient = Callable[..., TestClient]


@pytest.fixture
def make_client(desk_file: Path) -> MakeClient:
    def make(**options: object) -> TestClient:
        return TestClient(create_app(desk_file, **options), raise_server_exceptions=False)  # type: ignore[arg-type]

    return make


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


def story_of(client: TestClient, article_id: str) -> str:
    """The story id of a stored article, found through the API's own search."""
    for story in client.get("/api/stories", params={"limit": 100}).json()["stories"]:
        detail = client.get(f"/api/stories/{story['id']}").json()
        if article_id in {a["id"] for a in detail["articles"]}:
            return str(story["id"])
    raise AssertionError(f"{article_id} is in no story")
