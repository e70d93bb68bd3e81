"""Allow `python -m doclint` (a warm run with nothing changed replays, doclint.warm)."""

from doclint.warm import main

main()
