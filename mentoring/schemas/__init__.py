"""JSON Schemas of the content types, with Russian descriptions for authors and editors."""
