"""`clearance serve` over real HTTP (docs/serve.md): every endpoint, every bad
input, reload under load, the drain on SIGTERM, the decision log.

Run by ctest with CLEARANCE_CLI at the built command line and
CLEARANCE_SOURCE_DIR at the repository. Only 127.0.0.1; every loop is bounded
and every server is killed at the end of its test.
"""
import http.client
import json
import os
import pathlib
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
import unittest

CLI = os.environ.get("CLEARANCE_CLI", "clearance")
SOURCE = pathlib.Path(os.environ.get("CLEARANCE_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))

POLICY = """clearance: 1
policy: serve-test
default: allow
dimensions:
  model:
    values: [m1, m2]
    groups:
      big: [m1]
  country:
    values: [US, DE, IR]
  use:
    values: [research, commercial]
    default: research
rules:
  - id: deny-big-abroad
    effect: deny
    when: model in big and country != US
    because: big models stay home
    obligations: ["Refer to counsel."]
  - id: embargo
    effect: deny
    when: country == IR
  - id: allow-research
    effect: allow
    when: use == research and country == DE
    overrides: [deny-big-abroad]
"""
# The same policy with one more rule: another digest.
POLICY_V2 = POLICY + """  - id: no-commercial-m2
    effect: deny
    when: model == m2 and use == commercial
"""

QUERIES = [
    {"model": "m1", "country": "US", "use": "research", "date": "2027-01-01"},
    {"model": "m1", "country": "DE", "use": "commercial", "date": "2027-01-01", "id": "q2"},
    {"model": "m1", "country": "DE", "use": "research", "date": "2027-01-01"},
    {"model": "m2", "country": "IR", "date": "2027-01-01", "id": 7},
    {"model": "m2", "country": "DE", "use": "commercial", "date": "2027-01-01"},
]
DEADLINE = 20  # seconds for any one wait


def write_atomically(path, text):
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


class Server:
    """A `clearance serve` child on 127.0.0.1:0."""

    def __init__(self, policy, *args):
        self.stderr = tempfile.TemporaryFile()
        self.proc = subprocess.Popen([CLI, "serve", str(policy), "--listen", "127.0.0.1:0", *args],
                                     stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        line = self._first_line()
        host, _, port = line.rpartition(":")
        self.host, self.port = host, int(port)

    def _first_line(self):
        result = []
        reader = threading.Thread(target=lambda: result.append(self.proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(DEADLINE)
        if not result or not result[0].strip():
            self.kill()
            raise AssertionError("server printed no address: " + self.stderr_text())
        return result[0].strip()

    def connection(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=DEADLINE)

    def request(self, method, path, body=None, headers=None, conn=None):
        own = conn is None
        conn = conn or self.connection()
        try:
            conn.request(method, path, body=body, headers=headers or {})
            res = conn.getresponse()
            return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read().decode()
        finally:
            if own:
                conn.close()

    def decide(self, query, path="/v1/decide", conn=None, headers=None):
        return self.request("POST", path, json.dumps(query), {"Content-Type": "application/json", **(headers or {})},
                            conn)

    def batch(self, text, path="/v1/batch"):
        return self.request("POST", path, text, {"Content-Type": "application/x-ndjson"})

    def stop(self):
        """SIGTERM, then the exit code (kills after DEADLINE)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(DEADLINE)
        except subprocess.TimeoutExpired:
            self.kill()
            raise

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.stderr.close()

    def stderr_text(self):
        if self.stderr.closed:
            return ""
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")


def cli_batch(policy, lines, *args):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.write("".join(line + "\n" for line in lines))
    try:
        out = subprocess.run([CLI, "batch", str(policy), "--input", f.name, *args], capture_output=True, text=True,
                             timeout=DEADLINE)
    finally:
        os.unlink(f.name)
    return out.stdout


class ServeCase(unittest.TestCase):
    server_args = ()

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.policy = pathlib.Path(self.dir.name) / "policy.yaml"
        self.policy.write_text(POLICY)
        self.server = Server(self.policy, *self.server_args)

    def tearDown(self):
        self.server.kill()
        self.dir.cleanup()

    def assertJsonError(self, status, expected_status, body, fragment):
        self.assertEqual(status, expected_status, body)
        self.assertIn(fragment, json.loads(body)["error"])


class EndpointTest(ServeCase):
    def test_decide_is_the_batch_line(self):
        for q in QUERIES:
            status, headers, body = self.server.decide(q)
            self.assertEqual(status, 200, body)
            self.assertEqual(body, cli_batch(self.policy, [json.dumps(q)]))
            self.assertEqual(headers["clearance-policy-digest"], json.loads(body)["policy"]["digest"])
            self.assertTrue(headers["x-request-id"])

    def test_explain_lists_rules_that_did_not_match(self):
        status, _, body = self.server.decide(QUERIES[0], "/v1/decide?explain=true")
        self.assertEqual(status, 200, body)
        self.assertEqual(body, cli_batch(self.policy, [json.dumps(QUERIES[0])], "--trace", "all"))
        self.assertIn("not-matched", [t["status"] for t in json.loads(body)["trace"]])

    def test_trace_none_leaves_the_trace_out(self):
        status, _, body = self.server.decide(QUERIES[1], "/v1/decide?trace=none")
        self.assertEqual(status, 200, body)
        full = json.loads(cli_batch(self.policy, [json.dumps(QUERIES[1])]))
        del full["trace"]
        self.assertEqual(json.loads(body), full)
        self.assertNotIn('"trace"', body)
        status, _, body = self.server.request("POST", "/v1/batch?trace=none", json.dumps(QUERIES[0]) + "\n{bad\n",
                                              {"Content-Type": "application/x-ndjson"})
        self.assertEqual(status, 200, body)
        first, second = map(json.loads, body.splitlines())
        self.assertNotIn("trace", first)
        self.assertEqual(second["error"], "malformed JSON")
        status, _, body = self.server.decide(QUERIES[0], "/v1/decide?trace=all")
        self.assertEqual(body, cli_batch(self.policy, [json.dumps(QUERIES[0])], "--trace", "all"))

    def test_batch_keeps_order_and_error_records(self):
        lines = [json.dumps(q) for q in QUERIES] + ["{bad", '{"model": "m9", "country": "US", "id": "x"}', "",
                                                     '{"model": "m1", "country": "DE"}']
        status, headers, body = self.server.batch("\n".join(lines) + "\n")
        self.assertEqual(status, 200, body)
        self.assertEqual(headers["content-type"], "application/x-ndjson")
        self.assertEqual(headers["transfer-encoding"], "chunked")
        self.assertEqual(body, cli_batch(self.policy, lines))

    def test_long_batch_streams_every_line_in_order(self):
        lines = [json.dumps({**QUERIES[i % len(QUERIES)], "id": i}) for i in range(5000)]
        status, _, body = self.server.batch("\n".join(lines))  # no final newline
        self.assertEqual(status, 200)
        self.assertEqual(body, cli_batch(self.policy, lines))
        # The connection stays usable after a streamed answer.
        conn = self.server.connection()
        try:
            for _ in range(3):
                status, _, body = self.server.request("POST", "/v1/batch", "\n".join(lines[:2000]),
                                                      {"Content-Type": "application/x-ndjson"}, conn)
                self.assertEqual(status, 200)
                self.assertEqual(len(body.splitlines()), 2000)
        finally:
            conn.close()

    def test_policy(self):
        status, headers, body = self.server.request("GET", "/v1/policy")
        self.assertEqual(status, 200)
        info = json.loads(body)
        self.assertEqual(info["name"], "serve-test")
        self.assertEqual(info["digest"], headers["clearance-policy-digest"])
        self.assertEqual(info["rules"], 3)
        self.assertEqual(info["generation"], 1)
        self.assertIsNone(info["last_reload_error"])
        self.assertRegex(info["loaded_at"], r"^\d{4}-\d\d-\d\dT")
        dims = {d["name"]: d for d in info["dimensions"]}
        self.assertEqual(dims["country"]["values"], ["US", "DE", "IR"])
        self.assertEqual(dims["model"]["groups"], ["big"])
        self.assertEqual(dims["use"]["default"], "research")

    def test_health_ready_metrics(self):
        self.assertEqual(self.server.request("GET", "/healthz")[0], 200)
        self.assertEqual(self.server.request("GET", "/readyz")[0], 200)
        self.server.decide(QUERIES[0])
        self.server.decide(QUERIES[1])
        self.server.batch(json.dumps(QUERIES[0]) + "\n{bad\n")
        status, headers, body = self.server.request("GET", "/metrics")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/plain; version=0.0.4"))
        samples = {}
        for line in body.splitlines():
            if line and not line.startswith("#"):
                name, _, value = line.rpartition(" ")
                samples[name] = float(value)
        self.assertEqual(samples['clearance_decisions_total{effect="allow"}'], 2)
        self.assertEqual(samples['clearance_decisions_total{effect="deny"}'], 1)
        self.assertEqual(samples["clearance_batch_lines_total"], 2)
        self.assertEqual(samples['clearance_errors_total{kind="bad_line"}'], 1)
        self.assertEqual(samples['clearance_request_duration_seconds_count{endpoint="decide"}'], 2)
        self.assertEqual(samples['clearance_request_duration_seconds_bucket{endpoint="batch",le="+Inf"}'], 1)
        self.assertGreaterEqual(samples["clearance_open_connections"], 1)
        for name in ("clearance_reloads_total", "clearance_reload_failures_total"):
            self.assertEqual(samples[name], 0)

    def test_head_and_unknown(self):
        status, headers, body = self.server.request("HEAD", "/healthz")
        self.assertEqual((status, body), (200, ""))
        status, _, body = self.server.request("GET", "/v2/nothing")
        self.assertJsonError(status, 404, body, "/v2/nothing")
        status, headers, body = self.server.request("GET", "/v1/decide")
        self.assertJsonError(status, 405, body, "POST")
        self.assertEqual(headers["allow"], "POST")


class BadInputTest(ServeCase):
    server_args = ("--max-batch-lines", "5", "--max-body-bytes", "4096", "--header-timeout-ms", "500",
                   "--max-header-bytes", "2048")

    def test_bad_queries(self):
        cases = [
            ("{bad", 400, "malformed JSON"),
            ("", 400, "empty body"),
            ("[1]", 400, "JSON object"),
            ('{"model": "m1", "country": "US", "planet": "mars"}', 400, "planet"),
            ('{"model": "m7", "country": "US"}', 400, "m7"),
            ('{"model": "m1"}', 400, "country"),
            ('{"model": "m1", "country": "US", "date": "2027-13-01"}', 400, "2027-13-01"),
            ('{"model": 1, "country": "US"}', 400, "model"),
            ('{"model": "m1", "model": "m2", "country": "US"}', 400, "twice"),
        ]
        for body, expected, fragment in cases:
            with self.subTest(body=body):
                status, headers, text = self.server.request("POST", "/v1/decide", body,
                                                            {"Content-Type": "application/json"})
                self.assertJsonError(status, expected, text, fragment)
                self.assertTrue(headers["clearance-policy-digest"].startswith("sha256:"))

    def test_bad_parameter_and_content_types(self):
        status, _, body = self.server.decide(QUERIES[0], "/v1/decide?explain=maybe")
        self.assertJsonError(status, 400, body, "explain")
        status, _, body = self.server.decide(QUERIES[0], "/v1/decide?trace=some")
        self.assertJsonError(status, 400, body, "trace")
        status, _, body = self.server.request("POST", "/v1/decide", json.dumps(QUERIES[0]), {"Content-Type": "text/plain"})
        self.assertJsonError(status, 415, body, "application/json")
        status, _, body = self.server.request("POST", "/v1/batch", "{}\n", {"Content-Type": "application/json"})
        self.assertJsonError(status, 415, body, "application/x-ndjson")

    def test_limits(self):
        status, _, body = self.server.batch("".join(json.dumps(QUERIES[0]) + "\n" for _ in range(6)))
        self.assertJsonError(status, 413, body, "at most 5")
        status, _, body = self.server.request("POST", "/v1/decide", "x" * 5000, {"Content-Type": "application/json"})
        self.assertJsonError(status, 413, body, "4096")
        conn = self.server.connection()
        conn.putrequest("POST", "/v1/batch")
        conn.putheader("Content-Type", "application/x-ndjson")
        conn.putheader("Content-Length", str(10 ** 12))
        conn.endheaders()
        res = conn.getresponse()
        self.assertJsonError(res.status, 413, res.read().decode(), "body larger")
        conn.close()
        status, _, body = self.server.request("GET", "/healthz", headers={"X-Big": "y" * 4000})
        self.assertJsonError(status, 431, body, "headers larger")

    def raw(self, data, wait=DEADLINE):
        with socket.create_connection((self.server.host, self.server.port), timeout=wait) as s:
            s.sendall(data)
            chunks = []
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
        return int(head.split()[1]), body.decode()

    def test_malformed_http_and_slow_clients(self):
        status, body = self.raw(b"GARBAGE\r\n\r\n")
        self.assertJsonError(status, 400, body, "malformed HTTP")
        started = time.monotonic()
        status, body = self.raw(b"POST /v1/decide HTTP/1.1\r\nHost: x\r\n")  # never finishes its head
        self.assertJsonError(status, 408, body, "in time")
        self.assertLess(time.monotonic() - started, 5)
        # The server still answers.
        self.assertEqual(self.server.request("GET", "/healthz")[0], 200)

class ConnectionCapTest(ServeCase):
    server_args = ("--max-connections", "8")

    def test_connection_cap(self):
        idle = [socket.create_connection((self.server.host, self.server.port), timeout=DEADLINE) for _ in range(8)]
        try:
            # The server accepts the 8 idle connections in its own time.
            deadline = time.monotonic() + DEADLINE
            while True:
                status, _, body = self.server.request("GET", "/healthz")
                if status != 200 or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            self.assertJsonError(status, 503, body, "too many")
        finally:
            for s in idle:
                s.close()
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            if self.server.request("GET", "/healthz")[0] == 200:
                break
            time.sleep(0.05)
        else:
            self.fail("connections were not released")


class TokenTest(ServeCase):
    def setUp(self):
        self.token_dir = tempfile.TemporaryDirectory()
        token = pathlib.Path(self.token_dir.name) / "token"
        token.write_text("s3cret-token\n")
        self.server_args = ("--token-file", str(token))
        super().setUp()

    def tearDown(self):
        super().tearDown()
        self.token_dir.cleanup()

    def test_bearer_token(self):
        status, headers, body = self.server.decide(QUERIES[0])
        self.assertJsonError(status, 401, body, "token")
        self.assertIn("Bearer", headers["www-authenticate"])
        status, _, body = self.server.decide(QUERIES[0], headers={"Authorization": "Bearer wrong"})
        self.assertEqual(status, 401)
        status, _, body = self.server.decide(QUERIES[0], headers={"Authorization": "Bearer s3cret-token"})
        self.assertEqual(status, 200, body)
        self.assertEqual(self.server.request("GET", "/metrics")[0], 401)
        self.assertEqual(self.server.request("GET", "/healthz")[0], 200)


class ReloadTest(ServeCase):
    def digest(self):
        return json.loads(self.server.request("GET", "/v1/policy")[2])["digest"]

    def test_reload_endpoint_and_failure_keeps_version(self):
        old = self.digest()
        write_atomically(self.policy, POLICY_V2)
        status, headers, body = self.server.request("POST", "/v1/reload")
        self.assertEqual(status, 200, body)
        new = json.loads(body)["digest"]
        self.assertNotEqual(new, old)
        self.assertEqual(self.server.decide(QUERIES[4])[1]["clearance-policy-digest"], new)
        write_atomically(self.policy, "clearance: 1\npolicy: [broken\n")
        status, headers, body = self.server.request("POST", "/v1/reload")
        self.assertJsonError(status, 422, body, "reload failed")
        self.assertEqual(headers["clearance-policy-digest"], new)
        info = json.loads(self.server.request("GET", "/v1/policy")[2])
        self.assertEqual(info["digest"], new)
        self.assertIn("policy.yaml", info["last_reload_error"])
        metrics = self.server.request("GET", "/metrics")[2]
        self.assertIn("clearance_reload_failures_total 1\n", metrics)
        self.assertIn("clearance_reloads_total 1\n", metrics)
        self.assertEqual(self.server.decide(QUERIES[0])[0], 200)
        self.assertIn("reload failed", self.server.stderr_text())

    def test_sighup_reloads(self):
        old = self.digest()
        write_atomically(self.policy, POLICY_V2)
        self.server.proc.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + DEADLINE
        while self.digest() == old and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertNotEqual(self.digest(), old)

    def test_reload_while_four_clients_decide(self):
        old = self.digest()
        results, stop = [], threading.Event()

        def client():
            conn = self.server.connection()
            try:
                for _ in range(2000):
                    if stop.is_set():
                        break
                    status, headers, body = self.server.decide(QUERIES[4], conn=conn)
                    results.append((status, headers.get("clearance-policy-digest"), json.loads(body)["policy"]["digest"]))
            finally:
                conn.close()

        threads = [threading.Thread(target=client) for _ in range(4)]
        for t in threads:
            t.start()
        try:
            for i in range(6):
                time.sleep(0.05)
                write_atomically(self.policy, POLICY_V2 if i % 2 == 0 else POLICY)
                self.assertEqual(self.server.request("POST", "/v1/reload")[0], 200)
        finally:
            stop.set()
            for t in threads:
                t.join(DEADLINE)
        new = self.digest()  # POLICY after an even number of swaps
        self.assertEqual(new, old)
        write_atomically(self.policy, POLICY_V2)
        self.server.request("POST", "/v1/reload")
        v2 = self.digest()
        self.assertGreater(len(results), 20)
        for status, header_digest, body_digest in results:
            self.assertEqual(status, 200)
            self.assertEqual(header_digest, body_digest)
            self.assertIn(body_digest, (old, v2))


class WatchTest(ServeCase):
    server_args = ("--watch",)

    def test_file_change_reloads(self):
        old = json.loads(self.server.request("GET", "/v1/policy")[2])["digest"]
        write_atomically(self.policy, POLICY_V2)
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            if json.loads(self.server.request("GET", "/v1/policy")[2])["digest"] != old:
                break
            time.sleep(0.05)
        else:
            self.fail("no reload after the file changed")


class LogAndShutdownTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.policy = pathlib.Path(self.dir.name) / "policy.yaml"
        self.policy.write_text(POLICY)
        self.log = pathlib.Path(self.dir.name) / "decisions.jsonl"

    def tearDown(self):
        self.dir.cleanup()

    def test_log_replays_to_the_batch_decisions(self):
        server = Server(self.policy, "--decision-log", str(self.log))
        try:
            lines = [json.dumps(q) for q in QUERIES]
            for q in QUERIES:
                self.assertEqual(server.decide(q)[0], 200)
            self.assertEqual(server.batch("\n".join(lines + ["{bad"]) + "\n")[0], 200)
            self.assertEqual(server.stop(), 0)
        finally:
            server.kill()
        expected = [json.loads(line) for line in cli_batch(self.policy, lines).splitlines()] * 2
        records = [json.loads(line) for line in self.log.read_text().splitlines()]
        self.assertEqual(len(records), len(expected))
        for record, decision in zip(records, expected):
            self.assertRegex(record["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
            self.assertTrue(record["request_id"])
            rest = {k: v for k, v in record.items() if k not in ("time", "request_id")}
            self.assertEqual(rest, decision)
            self.assertIn("date", record["query"])
            self.assertTrue(record["policy"]["digest"].startswith("sha256:"))

    def test_log_rotates_by_size(self):
        server = Server(self.policy, "--decision-log", str(self.log), "--log-max-bytes", "3000", "--log-keep", "2")
        try:
            for _ in range(4):
                server.batch("".join(json.dumps(QUERIES[0]) + "\n" for _ in range(10)))
            self.assertEqual(server.stop(), 0)
        finally:
            server.kill()
        rotated = pathlib.Path(str(self.log) + ".1")
        self.assertTrue(rotated.exists())
        self.assertFalse(pathlib.Path(str(self.log) + ".3").exists())
        for path in (self.log, rotated):
            self.assertLessEqual(path.stat().st_size, 3000)
            for line in path.read_text().splitlines():
                json.loads(line)

    def test_sigterm_finishes_requests_in_flight(self):
        server = Server(self.policy, "--decision-log", str(self.log))
        try:
            n = 30000
            body = "".join(json.dumps(QUERIES[i % len(QUERIES)]) + "\n" for i in range(n))
            conn = server.connection()
            conn.request("POST", "/v1/batch", body, {"Content-Type": "application/x-ndjson"})
            res = conn.getresponse()  # the head is out: the request is in flight
            server.proc.send_signal(signal.SIGTERM)
            text = res.read().decode()
            conn.close()
            self.assertEqual(server.proc.wait(DEADLINE), 0)
            self.assertEqual(res.status, 200)
            self.assertEqual(len(text.splitlines()), n)
            self.assertEqual(len(self.log.read_text().splitlines()), n)
            with self.assertRaises(OSError):
                socket.create_connection((server.host, server.port), timeout=2).close()
        finally:
            server.kill()


class TlsTest(unittest.TestCase):
    def test_https(self):
        with tempfile.TemporaryDirectory() as d:
            cert, key = pathlib.Path(d) / "cert.pem", pathlib.Path(d) / "key.pem"
            made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                                   "-days", "1", "-keyout", str(key), "-out", str(cert)], capture_output=True,
                                  timeout=DEADLINE)
            if made.returncode != 0:
                self.skipTest("no openssl to make a certificate")
            policy = pathlib.Path(d) / "policy.yaml"
            policy.write_text(POLICY)
            server = Server(policy, "--tls-cert", str(cert), "--tls-key", str(key))
            try:
                context = ssl.create_default_context(cafile=str(cert))
                context.check_hostname = False
                conn = http.client.HTTPSConnection(server.host, server.port, timeout=DEADLINE, context=context)
                status, _, body = server.decide(QUERIES[0], conn=conn)
                conn.close()
                self.assertEqual(status, 200, body)
                self.assertEqual(server.stop(), 0)
            finally:
                server.kill()


class OpenApiTest(ServeCase):
    def test_every_documented_path_is_served(self):
        import yaml
        spec = yaml.safe_load((SOURCE / "docs" / "serve.openapi.yaml").read_text())
        self.assertTrue(spec["openapi"].startswith("3."))
        documented = {(path, method.upper()) for path, item in spec["paths"].items() for method in item
                      if method in ("get", "post", "put", "delete", "patch")}
        served = {("/v1/decide", "POST"), ("/v1/batch", "POST"), ("/v1/policy", "GET"), ("/v1/reload", "POST"),
                  ("/healthz", "GET"), ("/readyz", "GET"), ("/metrics", "GET")}
        self.assertEqual(documented, served)
        for path, method in documented:
            status = self.server.request(method, path, "", {"Content-Type": "application/json"})[0]
            self.assertNotIn(status, (404, 405), path)


if __name__ == "__main__":
    unittest.main()
