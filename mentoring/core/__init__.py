"""The ground every layer stands on: problems reported in Russian, YAML that keeps its lines,
JSON schemas, Russian wording, published files and URLs. Imports nothing else of mentoring."""
