"""One family of errors a user can cause and fix, each carrying the exit code the command line ends with.

Exit codes: 0 all went well; 1 some file failed or has errors; 2 usage or config error; 3 another run
holds the workspace lock; 70 an internal error (a bug: please report it).
"""

from __future__ import annotations

from typing import ClassVar

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_INTERNAL = 0, 1, 2, 3, 70


class PipelineError(Exception):
    """An error that stops a command: its message is one line for the user, its class says the exit code."""

    exit_code: ClassVar[int] = EXIT_USAGE


class ArticleError(PipelineError):
    """Front matter that cannot be read at all; ``line`` is 1-based within the file when known.

    ``code`` is the stable validation code for what is wrong (unclosed, tab, yaml-syntax, not-mapping).
    """

    exit_code = EXIT_FAILED

    def __init__(self, message: str, line: int | None = None, code: str = "front-matter") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.code = code
