"""Compare the reports of one story: agreement, exclusives, conflicts, quotes, timeline.

The package is named ``comparison`` (not ``compare``) so that importing it never rebinds the
public function ``storydesk.compare``.
"""
