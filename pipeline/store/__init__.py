"""The workspace on disk: folders, atomic writes, the lock, the journal, the ingest record, caches,
and the one cached, parallel run over files (``runner``).

The only package that reads or writes the workspace (Hugo's own build folder aside, see
``pipeline.hugo``). May import ``pipeline.model``; never reading, the stages or the face.
"""
