"""article_core: the pure article pipeline (decode -> clean -> analyze) and its storage."""
