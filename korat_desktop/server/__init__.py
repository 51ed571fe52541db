"""The reference central e-Office hub ("hub"): FastAPI + SQLAlchemy.

Shares only :mod:`korat_desktop.protocol` with the client. Build the ASGI app with
:func:`korat_desktop.server.app.create_app`; run it with ``korat-hub serve``.
"""

__all__: list[str] = []
