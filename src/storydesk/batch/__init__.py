"""Summarize many stories, one record each, on local worker processes."""
