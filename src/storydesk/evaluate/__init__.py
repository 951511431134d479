"""Measurement beside the flow: ROUGE, readability, peers, the oracle, the HTML report, the
quality gate, and clustering scores.

It calls storydesk like any user does (``story.pipeline``) and feeds every system the same
sentences and the same word budget. Modules are imported by name; this package imports nothing,
so the command line's help stays fast.
"""
