"""Core of the mentoring site: load, validate and render content, with no MkDocs import.

Hooks in ``hooks/`` are thin MkDocs glue around this package; ``python -m mentoring check``
validates the content alone.
"""
