"""Shared test helpers: a SoftHSM2 token setup and a live test PKI (CA, OCSP, TSA).

Importable as ``tests.support`` by any test package (signing today; the store, sync and
courier tests can reuse the same tokens and PKI for signed bundles).
"""
