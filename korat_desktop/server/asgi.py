"""Entry point for uvicorn worker processes (``--workers N`` re-imports the app).

The parent (``korat-hub serve``) migrates the database once, then hands the settings
to the workers in ``KORAT_HUB_SETTINGS`` so that no two workers race on migrations.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from korat_desktop.server.app import create_app
from korat_desktop.server.settings import HubSettings

__all__ = ["SETTINGS_ENV", "app_from_env"]

SETTINGS_ENV = "KORAT_HUB_SETTINGS"


def app_from_env() -> FastAPI:
    return create_app(HubSettings.from_json(os.environ[SETTINGS_ENV]))
