"""The web editor /admin/ (Sveltia CMS): its configuration generated from the schemas, its
vendored front-end files, and the way it writes entries. Plain Python, no MkDocs."""
