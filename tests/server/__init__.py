"""Tests of the reference hub (korat_desktop.server) and the wire protocol."""
