"""Files in storage by folder. Every file a user owns (data zips aside) lives under `<kind>/<user id>/`, an export in
a folder of its own below that, so a folder can be removed whole, including a file a worker stored just before it
was killed, which no row points to."""

from __future__ import annotations

import contextlib
import os
import posixpath

from django.core.files.storage import default_storage


def folder_delete(folder: str, *, keep: str = "") -> int:
    """Delete every file under the folder, at any depth, but `keep` (a full name); returns how many were deleted."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # the local disk's answer; S3 lists nothing instead
        return 0
    doomed = [path for path in (posixpath.join(folder, name) for name in files) if path != keep]
    for path in doomed:
        default_storage.delete(path)
    deleted = len(doomed) + sum(folder_delete(posixpath.join(folder, name), keep=keep) for name in folders)
    # On disk the folder stays behind, named after the user or object: it goes once empty. S3 has no folders (no
    # path), and a folder still holding `keep` is not empty.
    with contextlib.suppress(NotImplementedError, OSError):
        os.rmdir(default_storage.path(folder))
    return deleted
