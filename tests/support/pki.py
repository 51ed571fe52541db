"""The test PKI, which lives in the package (the demo token uses it)."""

from korat_desktop.demo.pki import PKI_CONFIG, TestPki, free_port, write_private_key

__all__ = ["PKI_CONFIG", "TestPki", "free_port", "write_private_key"]
