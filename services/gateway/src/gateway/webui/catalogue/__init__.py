"""Every text of the web application, one flat dictionary per language (keys are the same)."""
