"""One module per journey; each exposes ``router`` of HTML routes."""
