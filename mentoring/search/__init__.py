"""The site search index (Pagefind) and the section named beside each result."""
