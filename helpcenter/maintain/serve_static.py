"""Serve a built site on 127.0.0.1 as a static host (GitHub Pages) would:
gzip when the browser asks for it, and /404.html for a missing path.
Used by the browser tests, `make audit` and `make bench`."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import threading
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    root: Path

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.root), **kwargs)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        return self._send(200, path.read_bytes(), self.guess_type(str(path)))

    def send_error(self, code, message=None, explain=None):
        if code != 404 or not (self.root / "404.html").is_file():
            return super().send_error(code, message, explain)
        body = self._send(404, (self.root / "404.html").read_bytes(), "text/html; charset=utf-8")
        if self.command != "HEAD":
            self.wfile.write(body.read())
        return None

    def _send(self, code: int, body: bytes, content_type: str):
        encoded = "gzip" in self.headers.get("Accept-Encoding", "")
        if encoded:
            body = gzip.compress(body, mtime=0)
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser that closes a connection early is not an error of the site


@contextlib.contextmanager
def serve(root: Path):
    """Serve `root` on a free port; yields the base URL (no trailing slash)."""
    handler = type("Handler", (_Handler,), {"root": Path(root)})
    server = _Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
