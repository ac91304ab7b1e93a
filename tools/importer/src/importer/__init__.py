"""Importers for regions without an event feed: a CSV export in, directory events out."""
