"""The command line: parse options, call a stage, render its results. Nothing else lives here.

Exit codes (``pipeline.model.errors``): 0 all went well; 1 some file failed or has errors; 2 usage or
config error; 3 another run holds the workspace lock; 70 an internal error (a bug: please report it).
Every command runs inside ``command``: an error the user can fix (a ``PipelineError``) becomes one
line on stderr and the exit code its class carries.

The commands are grouped by what they do, one module a group; importing one adds its commands to
``app``. Only the module of the command that runs is imported (``app.COMMAND_MODULES``, in the order
``pipeline --help`` lists them).
"""

from __future__ import annotations

import os
import sys

from pipeline import output
from pipeline.cli.app import app
from pipeline.model.errors import EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE

__all__ = ["EXIT_FAILED", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "app", "main"]


def main() -> None:
    """Entry point: no traceback ever reaches a user; internal errors get one line and exit 70."""
    try:
        app(prog_name="pipeline")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        output.error("interrupted")
        sys.exit(130)
    except Exception as error:  # a bug: say so in one line, keep the traceback for debugging
        if os.environ.get("PIPELINE_DEBUG"):
            raise
        output.error(f"internal error: {type(error).__name__}: {error} (run with PIPELINE_DEBUG=1 for details)")
        sys.exit(EXIT_INTERNAL)
