"""A file answered whole or from a ``Range`` (blobs, the update mirror's packages).

``If-Range`` with another ETag means the client's partial copy is of other bytes:
the whole file is sent (200) and the client starts again from zero.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from fastapi import Request, Response
from fastapi.responses import StreamingResponse

from korat_desktop.server.http.ranges import parse_range

__all__ = ["ranged_response"]

_CHUNK = 256 * 1024


def _stream(fh: BinaryIO, start: int, length: int) -> Iterator[bytes]:
    with fh:
        fh.seek(start)
        while length > 0:
            block = fh.read(min(_CHUNK, length))
            if not block:
                break
            length -= len(block)
            yield block


def ranged_response(request: Request, size: int, etag: str, cache_control: str,
                    open_file: Callable[[], BinaryIO]) -> Response:
    """200 or 206 (HEAD: headers only); ``open_file`` is called only for a GET."""
    range_header = request.headers.get("range")
    if_range = request.headers.get("if-range")
    if if_range is not None and if_range != etag:
        range_header = None
    span = parse_range(range_header, size)
    headers = {"Accept-Ranges": "bytes", "ETag": etag, "Cache-Control": cache_control}
    start, end = span if span else (0, size - 1)
    length = end - start + 1 if size else 0
    headers["Content-Length"] = str(length)
    status = 206 if span else 200
    if span:
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    if request.method == "HEAD":
        return Response(status_code=status, headers=headers,
                        media_type="application/octet-stream")
    return StreamingResponse(_stream(open_file(), start, length), status_code=status,
                             headers=headers, media_type="application/octet-stream")
