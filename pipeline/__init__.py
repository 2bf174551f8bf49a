"""pipeline: the editorial pipeline from raw scraped news text to house-style Hugo articles."""

__version__ = "0.1.0"
