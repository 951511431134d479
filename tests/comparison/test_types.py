"""The JSON contract of a comparison, and offsets into the texts exactly as given."""

from __future__ import annotations

from storydesk.comparison.pipeline import compare_story

from .conftest import EXAMPLE, SETTINGS, folder_story


def test_comparison_to_dict_contract_and_offsets() -> None:
    story = folder_story(EXAMPLE)
    record = compare_story(story, SETTINGS).to_dict()
    assert {
        "id",
        "agreement",
        "exclusives",
        "conflicts",
        "refinements",
        "quotes",
        "timeline",
    } <= set(record)
    claims = [*record["agreement"], *record["exclusives"]]
    claims += [c for x in record["conflicts"] + record["refinements"] for c in x["claims"]]
    assert claims
    for claim in claims:
        assert set(claim) <= {"text", "value", "citations"}
        first = claim["citations"][0]
        assert set(first) == {"document_id", "start", "end"}
        assert (
            story.article(first["document_id"]).text[first["start"] : first["end"]] == claim["text"]
        )
    for conflict in record["conflicts"]:
        assert conflict["kind"] in {"number", "name", "date", "age", "place", "other"}
        assert len(conflict["claims"]) >= 2
    for quote in record["quotes"]:
        assert set(quote) == {"speaker", "text", "citations", "variants"}
    for entry in record["timeline"]:
        assert {"date", "text", "citations"} <= set(entry)
