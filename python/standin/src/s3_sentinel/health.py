"""/health, /ready and /metrics on the connector's fixed ports 8080 and 9090 (loopback only:
the stand-in follows the project's rule; the real connector binds 0.0.0.0). In its container image
STANDIN_HEALTH_HOST=0.0.0.0: there every interface is the container's own network namespace."""

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FIXED_PORTS = (8080, 9090)


def serve(state):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/health":
                self._send(200, json.dumps({"status": "ok", "running": True}), "application/json")
            elif self.path == "/ready":
                self._send(200 if state["ready"] else 503, json.dumps({"ready": state["ready"]}), "application/json")
            elif self.path == "/metrics":
                self._send(200, f"s3_sentinel_pipeline_cycles_total {state['cycles']}\n", "text/plain")
            else:
                self._send(404, "not found", "text/plain")

        def _send(self, status, body, content_type):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    for port in FIXED_PORTS:
        # Raises OSError (address in use) like the real connector does on a clash.
        server = ThreadingHTTPServer((os.environ.get("STANDIN_HEALTH_HOST", "127.0.0.1"), port), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
