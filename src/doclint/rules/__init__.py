"""The built-in rules, one per module; each module's `RULE` is registered in `doclint.registry`."""
