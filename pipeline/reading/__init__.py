"""Bytes to an article: decoding, raw shapes (one reader each), text cleaning, metadata extraction.

Pure functions of the bytes, where they came from and the config. May import ``pipeline.model``;
never the store, the stages or the face.
"""
