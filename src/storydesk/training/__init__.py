"""Training the learned ranker from stories with reference summaries."""
