"""Agreement cites every report that states a fact; exclusives only their own."""

from __future__ import annotations

from storydesk.comparison.claims import (
    AGREEMENT_SUPPORT,
    agreement,
    exclusives,
    importance,
    represent_reports,
)

from .conftest import EXAMPLE, folder_story, reports_of


def test_agreement_and_exclusives_harbor_bridge() -> None:
    story = folder_story(EXAMPLE)
    reports = reports_of(story)
    rep = represent_reports(reports)
    scores = importance(reports, rep)
    agreed = agreement(reports, rep, scores, support=AGREEMENT_SUPPORT, limit=6)
    alone = exclusives(reports, rep, scores, limit=6)
    assert agreed and alone
    assert all(len(claim.document_ids) >= 2 for claim in agreed)
    assert any(len(claim.document_ids) == 3 for claim in agreed)
    assert all(len(claim.citations) == 1 for claim in alone)
    for claim in [*agreed, *alone]:
        first = claim.citations[0]
        assert story.article(first.document_id).text[first.start : first.end] == claim.text
    # What one report states alone is not also listed as agreed.
    assert not {c.text for c in agreed} & {c.text for c in alone}
