import gc

# Before the CLI's own imports (typer: ~15 ms of collections that free nothing); see
# storydesk.cli.main, which sets the same threshold for the console script.
gc.set_threshold(50_000, 10, 10)

from storydesk.cli import main  # noqa: E402

main()
