"""Reading a tip's files: in memory only, and never past the limit.

Django writes uploads over 2.5 MB to a temporary file, which would put a
tipster's file on disk in clear, if only for a moment. The tip form reads
its files with :class:`CappedMemoryUpload` instead: every file stays in
memory, and once the files together pass ``NEWSDESK_TIPS_MAX_BYTES`` the
upload stops being read (the rest of the body is drained, not kept) and
the request is marked, so the form answers with the limit and keeps the
text typed above the files (browsers send fields in the page's order).
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest

#: Set on the request when the files went past the limit.
TOO_LARGE = "newsdesk_tips_too_large"


class CappedMemoryUpload(FileUploadHandler):
    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = int(settings.NEWSDESK_TIPS_MAX_BYTES)
        self.total = 0
        self.buffer: io.BytesIO | None = None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.total += len(raw_data)
        if self.total > self.limit:
            setattr(self.request, TOO_LARGE, True)
            self.buffer = None
            raise StopUpload(connection_reset=False)
        assert self.buffer is not None
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if self.buffer is None:
            return None
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
