"""A TCP fault proxy: the stack talks to PostgreSQL, Redis or the national portal through it, and a
scenario cuts the line without touching the real server (other databases on it keep working).

`down()` closes every open connection and refuses new ones (as a stopped server does), `up()`
forwards again. It runs its own asyncio loop in a daemon thread.
"""

import asyncio
import socket
import threading


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FaultProxy:
    def __init__(self, target_host, target_port, *, port=None):
        self.target = (target_host, target_port)
        self.port = port or free_port()
        self.loop = asyncio.new_event_loop()
        self.server = None
        self.connections = set()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=30)

    def start(self):
        self.thread.start()
        self.up()

    def up(self):
        """Listen and forward (again)."""
        self._call(self._listen())

    def down(self):
        """Refuse new connections and reset the open ones: the server is gone."""
        self._call(self._stop())

    def close(self):
        if self.thread.is_alive():
            self.down()
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)

    async def _listen(self):
        if self.server is None:
            self.server = await asyncio.start_server(
                self._handle, "127.0.0.1", self.port, reuse_address=True, backlog=1024
            )

    async def _stop(self):
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
            self.server = None
        for writer in list(self.connections):
            transport = writer.transport
            # RST rather than FIN: the client sees a broken connection at once.
            sock = transport.get_extra_info("socket")
            if sock is not None:
                try:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                except OSError:
                    pass
            transport.abort()
        self.connections.clear()

    async def _handle(self, client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.transport.abort()
            return
        pair = {client_writer, server_writer}
        self.connections |= pair
        try:
            await asyncio.gather(
                self._pipe(client_reader, server_writer),
                self._pipe(server_reader, client_writer),
            )
        finally:
            self.connections -= pair
            for writer in pair:
                writer.transport.abort()

    @staticmethod
    async def _pipe(reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            writer.transport.abort()
