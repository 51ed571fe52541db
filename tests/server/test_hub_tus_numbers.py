"""Numeric tus headers of absurd length are refused, never a 500 (issue 13.4); the body
and head limits themselves are tested in test_hub_http_limits.py."""

from __future__ import annotations

import os

from tests.server.hub_harness import Agencies


def test_an_upload_offset_of_thousands_of_digits_is_a_400(agencies: Agencies) -> None:
    a = agencies.a
    data = os.urandom(1000)
    location = a.create_upload(data).headers["Location"]
    r = a.request("PATCH", location, data=data, headers={
        "Tus-Resumable": "1.0.0", "Upload-Offset": "1" * 5000,
        "Content-Type": "application/offset+octet-stream"})
    assert r.status_code == 400 and r.json()["code"] == "upload.offset_mismatch", r.text[:200]
