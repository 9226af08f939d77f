"""`python -m clauses_cli`: the `clauses` command run from a source tree (worktrees, no reinstall)."""

from clauses_cli.main import app

app(prog_name="clauses")
