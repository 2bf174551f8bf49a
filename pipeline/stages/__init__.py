"""The stages: ingest, normalise, validate, review (assess and decide), promote, status and run.

Each is logic over the model, with the store as its only way to the disk. May import
``pipeline.model``, ``pipeline.reading`` and ``pipeline.store``; never ``pipeline.hugo`` or the face.
"""
