"""Signed updates of the app itself, with The Update Framework (python-tuf).

IT keeps the root, targets and snapshot keys offline and publishes installer packages
(:mod:`.repository`); the hub holds the timestamp key and mirrors the repository; a
PC checks it through the hub or from a USB copy (:mod:`.client`), lets TUF refuse
anything tampered, expired, rolled back or mixed, and installs the package with the
platform's installer (:mod:`.install`).
"""
