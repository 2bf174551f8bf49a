"""The values every stage shares: the article and its forms, the config, dates, problems and their codes.

Pure: nothing here touches the disk or the network. May import: the standard library, PyYAML and
python-frontmatter, and other modules of ``pipeline.model``; nothing else of the pipeline.
"""
