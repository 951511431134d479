"""Turn a feed of articles into stories: clustering, the incremental SQLite desk, the digest."""
