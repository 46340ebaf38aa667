"""The running BackTimer's ear: a ``QLocalServer`` that second starts talk to.

It listens at the path ``store.instance`` gives; a second ``backtimer`` connects
(``store.instance.hand_over``), sends one JSON line (a ``Request``) and waits, briefly, for
``ok``. This side never blocks the GUI thread: it reads as data arrives (``readyRead``),
answers, and drops a client that sends too much, or stays silent or connected too long. At
most ``MAX_CLIENTS`` are heard at once; more are hung up on at once (a flood of connections
never costs more than that many small sockets).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from backtimer.store.instance import ANSWER, MAX_REQUEST, parse_request

CLIENT_PATIENCE_MS = 5000  # a client that says nothing for this long is dropped
MAX_CLIENTS = 16  # a second start is one short conversation; more at once is not one


class InstanceServer(QObject):
    """Listens for second starts and says what they asked.

    Signals:
        requested(object): a ``Request`` from a second ``backtimer``, already answered.
    """

    requested = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self, path: Path) -> bool:
        """Listen at ``path``; a socket file left there by a crash is removed first (the caller
        holds the instance lock, so nobody else can be answering on it)."""
        QLocalServer.removeServer(str(path))
        return self._server.listen(str(path))

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        """Each client: its socket deletes itself when it hangs up, and is cut off after
        ``CLIENT_PATIENCE_MS`` whatever it does (C++ slots: nothing of ours runs while the
        server and its sockets are being destroyed)."""
        while self._server.hasPendingConnections():
            client = self._server.nextPendingConnection()
            if client is None:
                continue
            if len(self.findChildren(QLocalSocket)) > MAX_CLIENTS:
                client.abort()
                client.deleteLater()
                continue
            client.disconnected.connect(client.deleteLater)
            patience = QTimer(client)
            patience.setSingleShot(True)
            patience.timeout.connect(client.deleteLater)  # closes it
            patience.start(CLIENT_PATIENCE_MS)
            client.readyRead.connect(self._read)

    @Slot()
    def _read(self) -> None:
        """Read what came; once a whole line is in, answer and say what it asked.

        The client is the signal's sender, and what it sent so far waits in the socket's own
        buffer (``peek``): no Python object holds on to a socket the server owns.
        """
        client = self.sender()
        if not isinstance(client, QLocalSocket):
            return
        received = bytes(client.peek(MAX_REQUEST + 1).data())
        if b"\n" not in received:
            if len(received) > MAX_REQUEST:
                client.abort()
            return
        request = parse_request(received.split(b"\n", 1)[0])
        if request is None:
            client.abort()
            return
        client.readyRead.disconnect(self._read)  # one request per connection
        client.readAll()
        # The client hangs up once it has read the answer (``patience`` cuts off one that does
        # not); hanging up here could lose the answer in flight.
        client.write(ANSWER)
        client.flush()
        # Said from the event loop, not from inside this socket's signal: what the window does
        # with it may wait for an answer in a local event loop (a question card), and meanwhile
        # the client hangs up and its socket is deleted, which must not happen under its own
        # readyRead.
        QTimer.singleShot(0, self, lambda: self.requested.emit(request))
