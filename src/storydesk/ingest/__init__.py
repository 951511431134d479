"""Read articles and stories: text, HTML, JSONL (plain or gzip), folders and stdin."""

from storydesk.ingest.read import read_articles, read_feed, read_stories

__all__ = ["read_articles", "read_feed", "read_stories"]
