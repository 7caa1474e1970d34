"""Files in storage by folder. Every file a user owns lives under `<kind>/<user id>/` (an export in a folder of its
own below that), so a folder can be removed whole, including a file a worker stored just before it was killed, which
no row points to."""

from __future__ import annotations

import posixpath

from django.core.files.storage import default_storage


def folder_delete(folder: str) -> int:
    """Delete every file under the folder, at any depth; returns how many (a missing folder has none)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # the local disk's answer; S3 lists nothing instead
        return 0
    for name in files:
        default_storage.delete(posixpath.join(folder, name))
    return len(files) + sum(folder_delete(posixpath.join(folder, name)) for name in folders)
