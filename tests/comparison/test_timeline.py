"""Date refinements and conflicts between reports, and the ordered timeline."""

from __future__ import annotations

from pathlib import Path

from storydesk.comparison.timeline import date_differences, dated_sentences, timeline

from .conftest import folder_story, reports_of, story_of


def test_date_differences_seed_2018_refined_by_spring_2018(seed_dir: Path) -> None:
    reports = reports_of(folder_story(seed_dir))
    conflicts, refinements = date_differences(reports, dated_sentences(reports))
    assert conflicts == []
    (refinement,) = refinements
    assert [c.document_ids for c in refinement.claims] == [("report-1",), ("report-2",)]
    assert "2018" in refinement.claims[0].text and "spring 2018" in refinement.claims[1].text


def test_date_differences_flags_disjoint_dates_of_one_event() -> None:
    story = story_of(
        "The city council approved the new harbor bridge budget on March 3, 2020.",
        "The city council approved the new harbor bridge budget on March 5, 2020.",
    )
    reports = reports_of(story)
    conflicts, _ = date_differences(reports, dated_sentences(reports))
    (conflict,) = conflicts
    assert conflict.kind == "date"
    assert {c.value for c in conflict.claims} == {"March 3, 2020", "March 5, 2020"}


def test_timeline_orders_events_and_resolves_relative_dates() -> None:
    story = story_of(
        "The bridge was closed to traffic on Tuesday after inspectors found a crack.\n\n"
        "The bridge was last fully inspected in 2021 by the city's engineers.",
        "The bridge was closed to traffic on Tuesday, the city said in a statement.",
        published="2024-03-13",
    )
    reports = reports_of(story)
    entries = timeline(reports, dated_sentences(reports), limit=10)
    assert [e.date for e in entries] == ["2021", "2024-03-12"]
    assert {c.document_id for c in entries[1].citations} == {"r1", "r2"}
