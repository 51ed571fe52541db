"""The full demo office, for newcomers: ``korat-desktop --demo`` and ``korat demo``.

A local hub on loopback (its own data folder), two agencies on it (this office,
นม 0017.1, and อำเภอปากช่อง), this computer signed in, a few sample letters, and a
simulated second office that syncs every few seconds and registers whatever arrives,
so the delivery receipt of a letter sent from here comes back on its own. Nothing of
it touches a real hub or the OS keyring: device tokens go to plain-text demo keyring
files inside the demo folder.

The demo signing token lives here too (``token``: SoftHSM2 tokens, ``softhsm``; the
test CA with its TSA/OCSP, ``pki`` and ``korat-test-pki.yml``; both put together by
``signing_env``), behind the ``demo`` extra, so an installed package demos as a source
checkout does; the signing tests build the very same one.
"""

__all__: list[str] = []
