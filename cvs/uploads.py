"""An upload handler that stops keeping a file's bytes once it passes the CV size limit.

The rest of the request still streams past (so the form, its CSRF token and its error message
work as usual), but nothing beyond the limit is held in memory or written to disk.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(UploadedFile):
    """Stands in for a file that was too large to keep: it knows its name and size, nothing more."""

    def __init__(self, name: str, size: int, content_type: str | None) -> None:
        super().__init__(file=None, name=name, content_type=content_type, size=size)


class SizeLimitedUploadHandler(FileUploadHandler):
    def new_file(self, field_name: str, file_name: str, content_type: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, file_name, content_type, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        # Past the limit, later handlers (memory, temporary file) get nothing more.
        return raw_data if self.received <= settings.CV_MAX_UPLOAD_BYTES else None

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received <= settings.CV_MAX_UPLOAD_BYTES:
            return None  # within the limit: the usual handlers hold the file
        return OversizedUpload(self.file_name or "file", self.received, self.content_type)
