"""One window per data dir: a second start hands its files to the first and leaves.

The store's lock file already refuses a second writer; this adds the friendly part.
The first instance listens on a local socket named after its data dir; a second start
connects, sends its arguments (PDFs to receive) and exits, and the first brings its
window to the front. The name is a hash, so paths never leak into socket names.

QtNetwork loads only when needed (it costs ~10 ms of start-up): a second start on
Linux or macOS first looks for the first instance's socket file, and the first
instance starts listening once its window has painted.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

__all__ = ["InstanceHandoff"]

_TIMEOUT_MS = 1500


class InstanceHandoff(QObject):
    received = Signal(list)  # list[str]: files handed over by a second start

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        digest = hashlib.sha256(str(data_dir).encode("utf-8")).hexdigest()[:16]
        self.name = f"korat-desktop-{digest}"
        self._server: QLocalServer | None = None

    def may_be_listening(self) -> bool:
        """False when no first instance can be listening (no socket file), so a normal
        start skips loading QtNetwork. On Windows (named pipes) always True."""
        if sys.platform == "win32":
            return True
        # where QLocalServer puts its socket: QDir::tempPath() is $TMPDIR or /tmp
        return Path(os.environ.get("TMPDIR") or "/tmp", self.name).exists()

    def hand_over(self, files: list[str]) -> bool:
        """True when another instance took the files (this one should exit)."""
        if not self.may_be_listening():
            return False
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(_TIMEOUT_MS):
            return False
        socket.write(json.dumps({"files": files}).encode("utf-8") + b"\n")
        socket.waitForBytesWritten(_TIMEOUT_MS)
        socket.waitForReadyRead(_TIMEOUT_MS)  # the first instance says "ok"
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None:
            return True
        QLocalServer.removeServer(self.name)  # a socket file left by a crash
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        try:
            message = json.loads(bytes(socket.readLine().data()).decode("utf-8"))
            files = [str(f) for f in message.get("files", [])]
        except (ValueError, AttributeError):
            files = []
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        self.received.emit(files)

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
