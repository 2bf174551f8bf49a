"""The workspace on disk, the one way to it: its folders and files (``paths``), its atomic writes
(``writes``), and its own state, journal and lock (``state_files``), opened here with its config."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.model.config import CONFIG_NAME, Config, ConfigError, parse_config
from pipeline.store.paths import WorkspaceError
from pipeline.store.state_files import JournalPolicy, StateFiles


class Workspace(StateFiles):
    """A pipeline workspace: raw/, drafts/, published/ (updates/ and revisions/ when needed) and .pipeline/."""

    @classmethod
    def open(cls, root: Path, create: bool = True, journal_policy: JournalPolicy | None = None) -> Workspace:
        """The workspace at root. With create, missing raw/, drafts/, published/ and .pipeline/ are made
        (for commands that write); without, nothing is: a read-only command leaves the disk as it was."""
        if not root.is_dir():
            raise WorkspaceError(f"{root}: workspace folder does not exist")
        workspace = cls(root.resolve(), journal_policy)
        if workspace.state.is_symlink() and not workspace.inside(workspace.state):
            raise WorkspaceError(f"{workspace.state}: is a symbolic link out of the workspace (to "
                                 f"{os.readlink(workspace.state)}); the pipeline's state stays in the workspace: "
                                 "remove the link")
        for folder in (workspace.drafts, workspace.published, workspace.updates,
                       workspace.revisions):  # one rule for every command
            if folder.is_symlink() and not workspace.inside(folder):
                raise WorkspaceError(f"{workspace.rel(folder)}/: is a symbolic link out of the workspace (to "
                                     f"{os.readlink(folder)}); articles are written only inside it: make it a "
                                     "folder, or a link to one inside the workspace")
        if create:
            workspace.make_folders()
        return workspace

    def make_folders(self) -> None:
        """raw/, drafts/, published/ and .pipeline/, each made when missing."""
        for folder in (self.raw, self.drafts, self.published, self.state):
            try:
                folder.mkdir(exist_ok=True)
            except OSError as error:
                raise WorkspaceError(f"{folder}: cannot create folder ({error.strerror})") from None

    def load_config(self) -> Config:
        path = self.root / CONFIG_NAME
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Config()
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(f"{CONFIG_NAME}: cannot be read ({error})") from None
        try:
            return parse_config(text, source=str(path))
        except ConfigError as error:
            raise ConfigError(f"{CONFIG_NAME}: {error}") from None
