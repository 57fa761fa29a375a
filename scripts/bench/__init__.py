"""Build benchmark (`make bench`, `python -m scripts.bench`): synthesis, measure, report."""
