"""Measurement beside the flow: ROUGE, peers, the oracle, the HTML report and the quality gate.

It calls storydesk like any user does (``pipeline.prepare``, ``pipeline.summarize_story``)
and feeds every system the same sentences and the same word budget.
"""

from __future__ import annotations

from storydesk.evaluate.oracle import greedy_oracle, ngrams
from storydesk.evaluate.rouge import METRICS, Rouge, StoryScore, tokenize
from storydesk.evaluate.runner import EvalResult, SystemResult, evaluate_stories, run_eval
from storydesk.evaluate.systems import SYSTEMS, System, make_systems

__all__ = [
    "METRICS",
    "SYSTEMS",
    "EvalResult",
    "Rouge",
    "StoryScore",
    "System",
    "SystemResult",
    "evaluate_stories",
    "greedy_oracle",
    "make_systems",
    "ngrams",
    "run_eval",
    "tokenize",
]
