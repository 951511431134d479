"""Summarize one story: clean → segment → represent → rank → select → cite → render.

``pipeline.summarize_story`` runs the stages in that order; each stage is its own module and
imports only the stages before it.
"""
