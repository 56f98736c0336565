"""`newsgraph watch --alerts-file/--alerts-webhook`: alerts are delivered after a round."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from newsgraph.cli import _post_new_alerts
from newsgraph.monitor.alerts import find_alerts


def test_alerts_written_to_file(store, tmp_path):
    expected = find_alerts(store.engine, since="30d")
    assert expected, "the fixture database has an injected spike"
    out = tmp_path / "alerts.jsonl"
    _post_new_alerts(store.engine, None, out, since="30d")
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == len(expected)


def test_alerts_posted_to_webhook(store):
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=server.handle_request, daemon=True)
    t.start()
    _post_new_alerts(store.engine, f"http://127.0.0.1:{server.server_port}/hook", None, since="30d")
    t.join(10)
    server.server_close()
    assert received and received[0]["alerts"]


def test_failing_webhook_does_not_raise(store, capsys):
    _post_new_alerts(store.engine, "http://127.0.0.1:9/nothing-listens-here", None, since="30d")
    assert "alerts not posted" in capsys.readouterr().err
