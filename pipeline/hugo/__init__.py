"""Preview with a real Hugo and the cross-check of what it built against what the articles say.

Runs the ``hugo`` program in a scratch folder. May import everything below it (model, store, stages);
never the face.
"""
