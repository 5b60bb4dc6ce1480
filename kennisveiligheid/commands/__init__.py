"""Subcommands of the ``kennisveiligheid`` command line: one module each, with ``register``."""
