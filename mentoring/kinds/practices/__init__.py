"""The bank of practices: the entries, their review before recommendation, and their pages."""
