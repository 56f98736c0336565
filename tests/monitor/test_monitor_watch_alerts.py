"""Alert delivery is the ingest's own step (``monitor.alerts.post_new_alerts``): a file, a webhook,
a failing webhook, and the settings' sink used by ``newsgraph.ingest``, the API upload and
``newsgraph watch --alerts-file/--alerts-webhook`` alike."""

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from newsgraph.monitor.alerts import AlertSink, find_alerts, post_new_alerts
from newsgraph.settings import load


def test_alerts_written_to_file(store, tmp_path):
    expected = find_alerts(store.engine, since="30d")
    assert expected, "the fixture database has an injected spike"
    out = tmp_path / "alerts.jsonl"
    assert post_new_alerts(store.engine, AlertSink(path=str(out), since="30d")) == len(expected)
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
    post_new_alerts(store.engine, AlertSink(webhook=f"http://127.0.0.1:{server.server_port}/hook", since="30d"))
    t.join(10)
    server.server_close()
    assert received and received[0]["alerts"]


def test_failing_webhook_does_not_raise(store, caplog):
    with caplog.at_level(logging.WARNING, logger="newsgraph.monitor.alerts"):
        res = post_new_alerts(store.engine, AlertSink(webhook="http://127.0.0.1:9/nothing-listens-here", since="30d"))
    assert res is None and "alerts not posted" in caplog.text


def test_empty_sink_posts_nothing(store):
    assert not AlertSink() and post_new_alerts(store.engine, AlertSink()) == 0


def test_sink_from_settings_environment_and_flags(tmp_path):
    env = {"NEWSGRAPH_ALERTS_FILE": str(tmp_path / "a.jsonl"), "NEWSGRAPH_ALERTS_WEBHOOK": "http://h/x"}
    sink = AlertSink.from_settings(load(environ=env))
    assert sink.path == str(tmp_path / "a.jsonl") and sink.webhook == "http://h/x"
    assert AlertSink.from_settings(load(environ=env, alerts_file="b.jsonl")).path == "b.jsonl"
    assert not AlertSink.from_settings(load(environ={}))
