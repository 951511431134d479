from __future__ import annotations

from pathlib import Path

import pytest

from storydesk.settings import Settings
from storydesk.story.provenance import made_by, model_digest, settings_digest


def test_settings_digest_is_stable_and_changes_with_any_setting() -> None:
    assert settings_digest(Settings()) == settings_digest(Settings())
    assert settings_digest(Settings()) != settings_digest(Settings(words=100))
    assert settings_digest(Settings()) != settings_digest(Settings(redundancy=0.4))


@pytest.mark.parametrize("run_only", [{"jobs": 3}, {"skip_bad": True}])
def test_settings_digest_ignores_settings_that_do_not_change_outputs(
    run_only: dict[str, object],
) -> None:
    assert settings_digest(Settings(**run_only)) == settings_digest(Settings())


@pytest.mark.parametrize("ranker", ["centroid", "lead"])
def test_model_digest_of_a_model_free_ranker_is_its_name(ranker: str) -> None:
    assert model_digest(Settings(ranker=ranker), ranker) == ranker


def test_model_digest_of_the_learned_ranker_hashes_the_model_file(tmp_path: Path) -> None:
    shipped = model_digest(Settings(), "learned")
    assert len(shipped) == 12 and shipped not in ("learned", "missing")
    other = tmp_path / "m.npz"
    other.write_bytes(b"another model")
    assert model_digest(Settings(model=str(other)), "learned") not in (shipped, "missing")


def test_made_by_names_the_package_version() -> None:
    import storydesk

    assert made_by(Settings(), "lead").version == storydesk.__version__
