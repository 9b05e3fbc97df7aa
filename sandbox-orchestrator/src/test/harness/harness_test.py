#!/usr/bin/env python3
"""Drives the node and python sandbox harnesses over their control protocol (docs/sandbox-protocol.md).

Each test plays the orchestrator: it listens on a Unix socket, starts a real harness process (node harness.mjs
or python3 -u harness.py) pointing at it, and sends requests. Plugin bundles are copied from examples/plugins
into fresh directories, as the orchestrator extracts each sequence into its own directory.

Run: sandbox-orchestrator/src/test/harness/run   (or python3 -m unittest -v harness_test from this folder)
"""

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
HARNESS_DIR = os.path.join(REPO, "sandbox-orchestrator", "src", "main", "resources", "harness")
EXAMPLES = os.path.join(REPO, "examples", "plugins")
HOOK_TIMEOUT_MS = 1000
SWAPS = 20
THINK_TIME_S = 0.15


class HarnessProcess:
    """One harness process and the orchestrator's end of its control socket."""

    def __init__(self, runtime, scratch, extra_env=None, base_env=None):
        self.runtime = runtime
        self.socket_path = tempfile.mktemp(prefix="ctl-", suffix=".sock", dir=scratch)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(self.socket_path)
        server.listen(1)
        server.settimeout(15)
        if runtime == "node":
            command = ["node", os.path.join(HARNESS_DIR, "harness.mjs")]
        else:
            command = ["python3", "-u", os.path.join(HARNESS_DIR, "harness.py")]
        env = dict(os.environ if base_env is None else base_env)
        env.update({
            "PX_SANDBOX_CONTROL": self.socket_path,
            "PX_SANDBOX_SESSION": "test-session",
            "PX_SANDBOX_HOOK_TIMEOUT_MS": str(HOOK_TIMEOUT_MS),
            "PX_SANDBOX_INVOKE_TIMEOUT_MS": "5000",
        })
        env.update(extra_env or {})
        workdir = tempfile.mkdtemp(prefix="work-", dir=scratch)
        self.proc = subprocess.Popen(command, cwd=workdir, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.stdout, self.stderr = [], []
        self.drains = [threading.Thread(target=self._drain, args=(stream, sink), daemon=True)
                       for stream, sink in ((self.proc.stdout, self.stdout), (self.proc.stderr, self.stderr))]
        for drain in self.drains:
            drain.start()
        try:
            self.conn, _ = server.accept()
        finally:
            server.close()
        self.lock = threading.Condition()
        self.responses = {}
        self.events = []
        self.closed = False
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()
        self.hello = self.wait_event(lambda e: e["event"] == "hello")

    @staticmethod
    def _drain(stream, sink):
        for line in iter(stream.readline, b""):
            sink.append(line.decode("utf-8", "replace").rstrip("\n"))

    def _read(self):
        buffer = b""
        while True:
            try:
                chunk = self.conn.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                message = json.loads(line)
                with self.lock:
                    if "event" in message:
                        self.events.append(message)
                    else:
                        self.responses.setdefault(message["id"], []).append(message)
                    self.lock.notify_all()
        with self.lock:
            self.closed = True
            self.lock.notify_all()

    def send_raw(self, data):
        self.conn.sendall(data)

    def send(self, op, **fields):
        request_id = self.next_id
        self.next_id += 1
        self.send_raw((json.dumps({"id": request_id, "op": op, **fields}) + "\n").encode())
        return request_id

    def response(self, request_id, timeout=15):
        deadline = time.monotonic() + timeout
        with self.lock:
            while request_id not in self.responses:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.closed:
                    raise AssertionError(f"no response to request {request_id} "
                                         f"(closed={self.closed}, stderr={self.stderr[-5:]})")
                self.lock.wait(remaining)
            return self.responses[request_id][0]

    def request(self, op, timeout=15, **fields):
        return self.response(self.send(op, **fields), timeout)

    def call(self, op, timeout=15, **fields):
        reply = self.request(op, timeout, **fields)
        if not reply.get("ok"):
            raise AssertionError(f"{op} failed: {json.dumps(reply.get('error'), indent=1)}")
        return reply["result"]

    def invoke(self, handler, payload=None, **fields):
        return self.call("invoke", handler=handler, payload=payload or {}, **fields)

    def wait_event(self, predicate, timeout=10):
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for event in self.events:
                    if predicate(event):
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no matching event; got {self.events[-5:]}")
                self.lock.wait(remaining)

    def wait_exit(self, timeout=10):
        return self.proc.wait(timeout)

    def kill(self):
        try:
            self.conn.close()
        except OSError:
            pass
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(5)
        for drain in self.drains:
            drain.join(2)
        self.proc.stdout.close()
        self.proc.stderr.close()


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))
    return ordered[index]


class HarnessContract:
    """The behaviour both harnesses share. Subclasses set the runtime and the example names."""

    runtime = None
    v1 = v2 = None
    log_source = None
    hooks = {}  # contract hook name -> this runtime's name for it

    def setUp(self):
        self.scratch = tempfile.mkdtemp(prefix="px-harness-")
        self.processes = []
        self.bundles = 0

    def tearDown(self):
        for process in self.processes:
            process.kill()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def start(self, base_env=None, **env):
        process = HarnessProcess(self.runtime, self.scratch, env, base_env)
        self.processes.append(process)
        self.assertEqual(process.hello["runtime"], self.runtime)
        self.assertEqual(process.hello["pid"], process.proc.pid)
        return process

    def bundle(self, example):
        """Copies examples/plugins/<example> into a fresh directory, as the orchestrator does per sequence."""
        self.bundles += 1
        target = os.path.join(self.scratch, f"bundle-{self.bundles}")
        shutil.copytree(os.path.join(EXAMPLES, example), target)
        return target

    def inline_bundle(self, files):
        self.bundles += 1
        target = os.path.join(self.scratch, f"bundle-{self.bundles}")
        for name, text in files.items():
            path = os.path.join(target, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(textwrap.dedent(text))
        return target

    def broken(self, kind):
        return self.bundle(os.path.join("broken", self.runtime, kind))

    def load_counter(self, process, sequence=1, **fields):
        result = process.call("load", dir=self.bundle(self.v1), sequence=sequence, **fields)
        self.assertEqual(result["result"], "loaded")
        self.assertEqual(result["sequence"], sequence)
        self.assertEqual(set(result["phases"]), {"loadMs", "initMs", "restoreStateMs"})
        self.assertIn("increment", result["handlers"])
        self.assertIn("get", result["handlers"])
        return result

    # ------------------------------------------------------------------------------------------------ tests

    def test_load_invoke_reload_keeps_state_and_runs_new_logic(self):
        process = self.start()
        self.load_counter(process)
        ready = process.wait_event(lambda e: e["event"] == "log" and "counter v1 ready" in e["message"])
        self.assertEqual((ready["level"], ready["source"], ready["sequence"]), ("info", self.log_source, 1))
        self.assertEqual(process.invoke("increment")["result"], {"count": 1})
        second = process.invoke("increment")
        self.assertEqual(second["result"], {"count": 2})
        self.assertEqual(second["sequence"], 1)
        self.assertIsInstance(second["durationMs"], int)
        self.assertEqual(process.call("getState"), {"state": {"count": 2}, "sequence": 1})

        reloaded = process.call("reload", dir=self.bundle(self.v2), sequence=2)
        self.assertEqual(reloaded["result"], "reloaded")
        self.assertEqual(reloaded["sequence"], 2)
        self.assertEqual(reloaded["previousSequence"], 1)
        self.assertEqual(set(reloaded["phases"]),
                         {"saveStateMs", "teardownMs", "loadMs", "initMs", "restoreStateMs", "onReloadMs"})
        self.assertTrue(all(isinstance(v, int) and v >= 0 for v in reloaded["phases"].values()))
        self.assertIsInstance(reloaded["durationMs"], int)
        took_over = process.wait_event(lambda e: e["event"] == "log" and "took over" in e["message"])
        self.assertEqual(took_over["sequence"], 2)
        # the count survived and the new code (including its nested module) answers
        answer = process.invoke("increment", {"by": 5})
        self.assertEqual((answer["result"], answer["sequence"]), ({"count": 7, "version": 2}, 2))
        self.assertEqual(process.invoke("get")["result"], {"count": 7, "version": 2})
        ping = process.call("ping")
        self.assertEqual(ping["sequence"], 2)
        self.assertGreater(ping["rssBytes"], 1_000_000)
        # Log events reach the developer's stream: none may name a server path (the bundle directories here).
        harness_lines = [e["message"] for e in process.events if e["event"] == "log"]
        self.assertTrue(any("loaded sequence 1" in m for m in harness_lines))
        self.assertFalse([m for m in harness_lines if self.scratch in m])

    def test_broken_reloads_roll_back_and_keep_serving(self):
        process = self.start()
        self.load_counter(process)
        process.invoke("increment")
        process.invoke("increment")
        self.assertEqual(process.call("reload", dir=self.bundle(self.v2), sequence=2)["result"], "reloaded")
        count = 2
        expectations = [
            # kind, phase, hook (contract name), timed out
            ("syntax-error", "load", None, False),
            ("import-error", "load", None, False),
            ("throwing-setup", "onReload", "throwingSetupHook", False),
            ("throwing-set-reload-state", "restoreState", "setReloadState", False),
            ("throwing-on-reload", "onReload", "onReload", False),
            ("slow-hook", "onReload", "onReload", True),
            ("never-loads", "load", None, True),
            ("blocking-hook", "restoreState", "setReloadState", True),
        ]
        sequence = 2
        for kind, phase, hook, timed_out in expectations:
            with self.subTest(kind=kind):
                sequence += 1
                started = time.monotonic()
                result = process.call("reload", dir=self.broken(kind), sequence=sequence)
                elapsed = time.monotonic() - started
                self.assertEqual(result["result"], "rolled-back", result)
                self.assertEqual(result["sequence"], sequence)
                self.assertEqual(result["activeSequence"], 2)
                self.assertEqual(result["error"]["phase"], phase, result["error"])
                if hook:
                    self.assertEqual(result["error"].get("hook"), self.hooks[hook], result["error"])
                self.assertTrue(result["error"]["message"])
                self.assertIn("stack", result["error"])
                self.assertEqual(bool(result["error"].get("timeout")), timed_out, result["error"])
                if timed_out:
                    self.assertGreaterEqual(elapsed, HOOK_TIMEOUT_MS / 1000.0 * 0.9)
                    self.assertLess(elapsed, HOOK_TIMEOUT_MS / 1000.0 + 2.0)
                    self.assertIn(f"within {HOOK_TIMEOUT_MS} ms", result["error"]["message"])
                self.assertIn(f"{phase}Ms", result["phases"])
                # the previous version still serves, with its state and its logic
                count += 1
                answer = process.invoke("increment")
                self.assertEqual(answer["result"], {"count": count, "version": 2})
                self.assertEqual(answer["sequence"], 2)
                self.check_broken_details(process, kind, result)
        # and the sandbox can still be reloaded afterwards
        sequence += 1
        self.assertEqual(process.call("reload", dir=self.bundle(self.v1), sequence=sequence)["result"], "reloaded")
        self.assertEqual(process.invoke("increment")["result"], {"count": count + 1})

    def check_broken_details(self, process, kind, result):
        message = result["error"]["message"]
        if kind == "syntax-error":
            self.assertRegex(result["error"]["message"] + result["error"]["stack"], "(?i)syntax")
        if kind == "import-error":
            self.assertIn("px", message.lower())
            self.assertIn("missing_dependency" if self.runtime == "python" else "missing-dependency", message)
        if kind.startswith("throwing-"):
            self.assertIn("failed on purpose", message)
            self.assertIn("failed on purpose", result["error"]["stack"])

    def test_throwing_teardown_of_the_old_version_rolls_back(self):
        process = self.start()
        loaded = process.call("load", dir=self.broken("throwing-teardown"), sequence=1)
        self.assertEqual(loaded["result"], "loaded")
        for _ in range(3):
            process.invoke("increment")
        result = process.call("reload", dir=self.bundle(self.v2), sequence=2)
        self.assertEqual(result["result"], "rolled-back")
        self.assertEqual(result["error"]["phase"], "teardown")
        self.assertEqual(result["error"]["hook"], self.hooks["teardown"])
        self.assertEqual(result["activeSequence"], 1)
        self.assertIn("teardownMs", result["phases"])
        # put back: setReloadState(saved) + setup(ctx) on the same instance
        rollback_setup = process.wait_event(lambda e: e["event"] == "log" and "throwing-teardown ready" in e["message"]
                                            and "rollback" in e["message"])
        self.assertEqual(rollback_setup["sequence"], 1)
        self.assertEqual(process.invoke("increment")["result"], {"count": 4})
        self.assertEqual(process.call("getState")["state"], {"count": 4})

    def test_old_version_blocked_in_teardown_is_restarted_with_its_state(self):
        process = self.start()
        process.call("load", dir=self.inline_bundle(self.blocking_teardown_files), sequence=1)
        for _ in range(3):
            process.invoke("increment")
        result = process.call("reload", dir=self.bundle(self.v2), sequence=2)
        self.assertEqual(result["result"], "rolled-back")
        self.assertEqual((result["error"]["phase"], result["error"]["timeout"]), ("teardown", True))
        self.assertEqual((result["activeSequence"], result["restarted"]), (1, True))
        process.wait_event(lambda e: e["event"] == "log" and "blocking-teardown ready (rollback) count 3" in e["message"])
        self.assertEqual(process.invoke("increment")["result"], {"count": 4})

    def test_rollback_failed_leaves_no_plugin_and_a_new_load_recovers(self):
        process = self.start()
        process.call("load", dir=self.inline_bundle(self.no_comeback_files), sequence=1)
        process.invoke("increment")
        result = process.call("reload", dir=self.broken("syntax-error"), sequence=2)
        self.assertEqual(result["result"], "rollback-failed")
        self.assertEqual(result["error"]["phase"], "load")
        self.assertEqual(result["rollbackError"]["phase"], "rollback")
        self.assertIn("cannot come back", result["rollbackError"]["message"])
        self.assertNotIn("activeSequence", result)
        self.assertEqual(process.request("invoke", handler="increment")["error"]["code"], "NOT_LOADED")
        self.assertIsNone(process.call("ping")["sequence"])
        self.load_counter(process, sequence=3, state={"count": 1})
        self.assertEqual(process.invoke("increment")["result"], {"count": 2})

    def test_throwing_setup_fails_a_first_load_and_the_harness_stays_usable(self):
        process = self.start()
        reply = process.request("load", dir=self.broken("throwing-setup"), sequence=1)
        self.assertFalse(reply["ok"])
        self.assertEqual(reply["error"]["phase"], "init")
        self.assertEqual(reply["error"]["hook"], self.hooks["setup"])
        self.assertIn("failed on purpose", reply["error"]["message"])
        no_plugin = process.request("invoke", handler="get")
        self.assertEqual(no_plugin["error"]["code"], "NOT_LOADED")
        self.load_counter(process, sequence=2)
        self.assertEqual(process.invoke("increment")["result"], {"count": 1})

    def test_load_with_saved_state_restores_before_setup(self):
        process = self.start()
        self.load_counter(process, sequence=7, state={"count": 41})
        ready = process.wait_event(lambda e: e["event"] == "log" and "counter v1 ready" in e["message"])
        self.assertIn("restore", ready["message"])
        self.assertIn("count 41", ready["message"])  # setReloadState ran before setup
        answer = process.invoke("increment")
        self.assertEqual((answer["result"], answer["sequence"]), ({"count": 42}, 7))

    def test_invoke_errors(self):
        process = self.start()
        process.call("load", dir=self.broken("crash"), sequence=1)
        unknown = process.request("invoke", handler="nope", payload={})
        self.assertFalse(unknown["ok"])
        self.assertEqual((unknown["error"]["phase"], unknown["error"]["code"]), ("invoke", "UNKNOWN_HANDLER"))
        self.assertIn('unknown handler "nope"', unknown["error"]["message"])
        self.assertIn("increment", unknown["error"]["message"])

        boom = process.request("invoke", handler="boom", payload={"reason": "bad input"})
        self.assertFalse(boom["ok"])
        self.assertEqual((boom["error"]["phase"], boom["error"]["code"]), ("invoke", "HANDLER_ERROR"))
        self.assertIn("boom: bad input", boom["error"]["message"])
        self.assertIn("boom", boom["error"]["stack"])
        self.assertFalse(boom["error"].get("timeout", False))
        # what the orchestrator reports in dev.session.invoke.failed: the version that ran, and for how long
        self.assertEqual(boom["error"]["sequence"], 1)
        self.assertIsInstance(boom["error"]["durationMs"], int)

        started = time.monotonic()
        slow = process.request("invoke", handler="sleep", payload={}, timeoutMs=300)
        self.assertLess(time.monotonic() - started, 2.0)
        self.assertFalse(slow["ok"])
        self.assertTrue(slow["error"]["timeout"])
        self.assertEqual((slow["error"]["phase"], slow["error"]["code"]), ("invoke", "TIMEOUT"))
        self.assertEqual(slow["error"]["sequence"], 1)
        self.assertGreaterEqual(slow["error"]["durationMs"], 250)

        bad = process.request("invoke", handler="get", timeoutMs=-1)
        self.assertEqual(bad["error"]["code"], "BAD_REQUEST")
        time.sleep(0.8)  # past the liveness probe: a pending await does not count as a blocked plugin
        self.assertEqual(process.invoke("increment", {"by": 2})["result"], {"count": 2})
        self.assertIsNone(process.proc.poll())

    def test_blocked_handler_makes_the_harness_exit_for_a_restart(self):
        process = self.start()
        process.call("load", dir=self.broken("crash"), sequence=1)
        reply = process.request("invoke", handler="spin", payload={}, timeoutMs=300)
        self.assertTrue(reply["error"]["timeout"])
        self.assertEqual(process.wait_exit(5), 70)
        fatal = process.wait_event(lambda e: e["event"] == "fatal")
        self.assertEqual(fatal["code"], 70)
        self.assertIn("spin", fatal["reason"])

    def test_crash_handler_exits_the_process_with_its_code(self):
        process = self.start()
        process.call("load", dir=self.broken("crash"), sequence=1)
        process.send("invoke", handler="crash", payload={})
        self.assertEqual(process.wait_exit(5), 3)

    def test_noisy_handler_logs_become_events(self):
        process = self.start()
        process.call("load", dir=self.broken("noisy"), sequence=4)
        self.assertEqual(process.invoke("noisy", {"lines": 500})["result"], {"lines": 500})
        process.wait_event(lambda e: e["event"] == "log" and "noisy wrote 500 lines" in e["message"])
        lines = [e for e in process.events if e["event"] == "log" and e["message"].startswith("noisy line")]
        self.assertEqual(len(lines), 500)
        self.assertTrue(all(e["sequence"] == 4 and e["level"] == "info" and e["source"] == self.log_source
                            for e in lines))
        self.assertEqual([e["message"] for e in lines][:2], ["noisy line 0 of 500", "noisy line 1 of 500"])
        warn = process.wait_event(lambda e: e["event"] == "log" and "noisy wrote" in e["message"])
        self.assertEqual(warn["level"], "warn")
        # echoed to the process's own output as well (PX_SANDBOX_LOG_ECHO defaults to 1)
        deadline = time.monotonic() + 3
        echoed = self.stdout_and_stderr(process)
        while "noisy line 499 of 500" not in echoed and time.monotonic() < deadline:
            time.sleep(0.05)
            echoed = self.stdout_and_stderr(process)
        self.assertIn("noisy line 499 of 500", echoed)

    def test_log_echo_can_be_turned_off(self):
        process = self.start(PX_SANDBOX_LOG_ECHO="0")
        process.call("load", dir=self.broken("noisy"), sequence=1)
        process.invoke("noisy", {"lines": 5})
        process.wait_event(lambda e: e["event"] == "log" and "noisy wrote 5 lines" in e["message"])
        time.sleep(0.2)
        self.assertNotIn("noisy line", self.stdout_and_stderr(process))

    @staticmethod
    def stdout_and_stderr(process):
        return "\n".join(process.stdout + process.stderr)

    def test_shutdown_runs_teardown_and_exits_0(self):
        process = self.start()
        self.load_counter(process, sequence=3)
        result = process.call("shutdown")
        self.assertEqual(result["sequence"], 3)
        self.assertIsInstance(result["teardownMs"], int)
        process.wait_event(lambda e: e["event"] == "log" and "stopping (shutdown)" in e["message"])
        self.assertEqual(process.wait_exit(5), 0)

    def test_harness_exits_when_the_control_socket_closes(self):
        process = self.start()
        self.load_counter(process)
        started = time.monotonic()
        process.conn.shutdown(socket.SHUT_RDWR)
        process.conn.close()
        self.assertEqual(process.wait_exit(5), 0)
        self.assertLess(time.monotonic() - started, 2.0)

    def test_harness_exits_when_nobody_listens(self):
        path = os.path.join(self.scratch, "nobody.sock")
        command = (["node", os.path.join(HARNESS_DIR, "harness.mjs")] if self.runtime == "node"
                   else ["python3", "-u", os.path.join(HARNESS_DIR, "harness.py")])
        completed = subprocess.run(command, env=dict(os.environ, PX_SANDBOX_CONTROL=path), capture_output=True,
                                   timeout=10)
        self.assertEqual(completed.returncode, 2)
        self.assertIn(b"cannot connect", completed.stderr)

    def test_invoke_during_reload_waits_for_the_new_version(self):
        process = self.start()
        self.load_counter(process)
        reload_id = process.send("reload", dir=self.bundle(self.v2), sequence=2)
        invoke_id = process.send("invoke", handler="increment", payload={})
        invoked = process.response(invoke_id)
        self.assertTrue(process.response(reload_id, timeout=0.1)["ok"])  # already answered
        self.assertEqual(invoked["result"]["sequence"], 2)
        self.assertEqual(invoked["result"]["result"], {"count": 1, "version": 2})

    def test_protocol_errors(self):
        process = self.start()
        process.send_raw(b"this is not json\n")
        process.send_raw(b'{"op": "ping"}\n')
        deadline = time.monotonic() + 5
        while len(process.responses.get(None, [])) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        errors = process.responses[None]
        self.assertEqual([e["error"]["code"] for e in errors], ["BAD_REQUEST", "BAD_REQUEST"])
        unknown = process.request("frobnicate")
        self.assertEqual((unknown["ok"], unknown["error"]["phase"]), (False, "protocol"))
        self.assertEqual(process.request("reload", dir=self.bundle(self.v2), sequence=1)["error"]["code"],
                         "NOT_LOADED")
        self.assertEqual(process.request("load", dir="relative/dir", sequence=1)["error"]["code"], "BAD_REQUEST")
        missing = process.request("load", dir=os.path.join(self.scratch, "missing"), sequence=1)
        self.assertEqual(missing["error"]["phase"], "load")
        self.assertEqual(process.request("load", dir=self.bundle(self.v1))["error"]["code"], "BAD_REQUEST")
        self.assertIsNone(process.call("ping")["sequence"])
        self.load_counter(process)
        twice = process.request("load", dir=self.bundle(self.v1), sequence=2)
        self.assertIn("use reload", twice["error"]["message"])

    def test_the_plugin_sees_path_home_lang_tz_and_its_declared_env_only(self):
        # Started as the orchestrator starts it (plus a variable it would never pass): the harness's own
        # PX_SANDBOX_* settings and anything else are gone before plugin code runs.
        process = self.start(base_env={"PATH": os.environ["PATH"], "HOME": self.scratch, "LANG": "C.UTF-8",
                                       "TZ": "UTC", "ORCHESTRATOR_SECRET": "s3cr3t"})
        base = ["HOME", "LANG", "PATH", "TZ"]
        process.call("load", dir=self.bundle(self.env_probe), sequence=1,
                     env={"PROBE_GREETING": "hello", "PROBE_MODE": "strict"})
        seen = process.invoke("env")["result"]
        self.assertEqual(seen["names"], sorted(base + ["PROBE_GREETING", "PROBE_MODE"]))
        self.assertEqual(seen["greeting"], "hello")

        # A reload brings the new version's env, and only it.
        self.assertEqual(process.call("reload", dir=self.bundle(self.env_probe), sequence=2,
                                      env={"PROBE_GREETING": "v2"})["result"], "reloaded")
        seen = process.invoke("env")["result"]
        self.assertEqual(seen["names"], sorted(base + ["PROBE_GREETING"]))
        self.assertEqual(seen["greeting"], "v2")

        # A reload that is rolled back leaves the serving version with its own env.
        self.assertEqual(process.call("reload", dir=self.broken("syntax-error"), sequence=3,
                                      env={"BROKEN_VERSION": "1"})["result"], "rolled-back")
        seen = process.invoke("env")["result"]
        self.assertEqual(seen["names"], sorted(base + ["PROBE_GREETING"]))
        self.assertEqual(seen["greeting"], "v2")

        bad = process.request("reload", dir=self.bundle(self.env_probe), sequence=4, env={"A=B": "x"})
        self.assertFalse(bad["ok"])
        self.assertEqual(bad["error"]["code"], "BAD_REQUEST")
        bad = process.request("reload", dir=self.bundle(self.env_probe), sequence=4, env={"PORT": 8080})
        self.assertFalse(bad["ok"])

    def test_memory_limit_is_accepted(self):
        process = self.start(**self.memory_limit_env)
        self.load_counter(process)
        self.assertEqual(process.invoke("increment")["result"], {"count": 1})
        self.assertEqual(process.call("reload", dir=self.bundle(self.v2), sequence=2)["result"], "reloaded")

    def test_reload_timing(self):
        process = self.start()
        self.load_counter(process)
        bundles = [self.bundle(self.v2 if i % 2 == 0 else self.v1) for i in range(SWAPS)]
        round_trips, durations = [], []
        for i, bundle in enumerate(bundles):
            time.sleep(THINK_TIME_S)  # a developer's saves are seconds apart; the node standby Worker boots meanwhile
            started = time.perf_counter()
            result = process.call("reload", dir=bundle, sequence=i + 2)
            round_trips.append((time.perf_counter() - started) * 1000.0)
            durations.append(result["durationMs"])
            self.assertEqual(result["result"], "reloaded")
            answer = process.invoke("increment")["result"]
            self.assertEqual(answer["count"], i + 1)
            self.assertEqual(answer.get("version"), 2 if i % 2 == 0 else None)  # fresh nested module each time
        rss = process.call("ping")["rssBytes"]
        sys.stderr.write(
            f"\n[timing] {self.runtime}: {SWAPS} reloads, round trip p50 {percentile(round_trips, 50):.1f} ms / "
            f"p95 {percentile(round_trips, 95):.1f} ms; harness durationMs p50 {percentile(durations, 50)} / "
            f"p95 {percentile(durations, 95)}; rss after {rss / 1e6:.0f} MB\n")


class NodeHarnessTest(HarnessContract, unittest.TestCase):
    runtime = "node"
    v1, v2 = "counter-node", "counter-node-v2"
    env_probe = "env-probe"
    log_source = "console"
    hooks = {"setup": "setup", "teardown": "teardown", "setReloadState": "setReloadState", "onReload": "onReload",
             "throwingSetupHook": "setup"}
    memory_limit_env = {"PX_SANDBOX_MAX_OLD_SPACE_MB": "64"}
    no_comeback_files = {"index.mjs": """\
        let count = 0;
        export function getReloadState() { return { count }; }
        export function setReloadState(state) { count = state.count; }
        export function setup(ctx) { if (ctx.reason === 'rollback') throw new Error('cannot come back'); }
        export const handlers = { async increment() { count += 1; return { count }; } };
        """}
    blocking_teardown_files = {"index.mjs": """\
        let count = 0;
        export function getReloadState() { return { count }; }
        export function setReloadState(state) { count = state.count; }
        export function setup(ctx) { ctx.log.info(`blocking-teardown ready (${ctx.reason}) count ${count}`); }
        export function teardown() { for (;;) { /* blocks the plugin thread */ } }
        export const handlers = { async increment() { count += 1; return { count }; } };
        """}

    def test_esm_and_commonjs_entries(self):
        process = self.start()
        loaded = process.call("load", dir=self.bundle("counter-node-cjs"), sequence=1)  # default entry: index.js
        self.assertEqual(loaded["handlers"], ["get", "increment"])
        self.assertEqual(process.invoke("increment")["result"], {"count": 1, "module": "cjs"})
        self.assertEqual(process.call("reload", dir=self.bundle(self.v2), sequence=2, entry="index.mjs")["result"],
                         "reloaded")
        self.assertEqual(process.invoke("increment")["result"], {"count": 2, "version": 2})
        self.assertEqual(process.call("reload", dir=self.bundle("counter-node-cjs"), sequence=3,
                                      entry="index.js")["result"], "reloaded")
        self.assertEqual(process.invoke("increment")["result"], {"count": 3, "module": "cjs"})

    def test_default_export_object_and_sync_hooks(self):
        bundle = self.inline_bundle({"main.mjs": """\
            let items = [];
            export default {
              getReloadState() { return { items }; },
              setReloadState(state) { items = state.items; },
              handlers: {
                add(payload) { items.push(payload.item); return items.length; },
                list: async () => items,
              },
            };
            export function setup(ctx) { ctx.log.debug(`named setup wins, session ${ctx.sessionId}`); }
            """})
        process = self.start()
        self.assertEqual(process.call("load", dir=bundle, entry="main.mjs", sequence=1)["handlers"], ["add", "list"])
        event = process.wait_event(lambda e: e["event"] == "log" and "named setup wins" in e["message"])
        self.assertEqual((event["level"], event["message"]), ("debug", "named setup wins, session test-session"))
        self.assertEqual(process.invoke("add", {"item": "a"})["result"], 1)
        self.assertEqual(process.call("reload", dir=bundle, entry="main.mjs", sequence=2)["result"], "reloaded")
        self.assertEqual(process.invoke("list")["result"], ["a"])
        bad = process.request("invoke", handler="add", payload=None)
        self.assertEqual(bad["error"]["code"], "HANDLER_ERROR")

    def test_a_new_version_calling_process_exit_is_a_failed_reload(self):
        bundle = self.inline_bundle({"index.mjs": "process.exit(9);\n"})
        process = self.start()
        self.load_counter(process)
        result = process.call("reload", dir=bundle, sequence=2)
        self.assertEqual(result["result"], "rolled-back")
        self.assertEqual(result["error"]["phase"], "load")
        self.assertIn("exited with code 9", result["error"]["message"])
        self.assertEqual(process.invoke("increment")["result"], {"count": 1})


    def test_worker_out_of_memory_exits_71(self):
        bundle = self.inline_bundle({"index.mjs": """\
            const hog = [];
            export const handlers = {
              async hog() { for (;;) hog.push(new Array(100000).fill({ x: Math.random() })); },
            };
            """})
        process = self.start(PX_SANDBOX_MAX_OLD_SPACE_MB="32")
        process.call("load", dir=bundle, sequence=1)
        reply = process.request("invoke", handler="hog", payload={})
        self.assertEqual(reply["error"]["code"], "OUT_OF_MEMORY")
        self.assertEqual(process.wait_exit(10), 71)

    def test_uncaught_error_in_the_plugin_exits_1(self):
        bundle = self.inline_bundle({"index.mjs": """\
            export const handlers = {
              async later() { setTimeout(() => { throw new Error('thrown later'); }, 10); return 'scheduled'; },
            };
            """})
        process = self.start()
        process.call("load", dir=bundle, sequence=1)
        self.assertEqual(process.invoke("later")["result"], "scheduled")
        self.assertEqual(process.wait_exit(5), 1)
        self.assertIn("thrown later", process.wait_event(lambda e: e["event"] == "fatal")["reason"])


class PythonHarnessTest(HarnessContract, unittest.TestCase):
    runtime = "python"
    v1, v2 = "counter-python", "counter-python-v2"
    env_probe = "env-probe-python"
    log_source = "logging"
    hooks = {"setup": "setup_async", "teardown": "teardown_async", "setReloadState": "set_reload_state",
             "onReload": "on_reload_async", "throwingSetupHook": "on_reload_async"}
    memory_limit_env = {"PX_SANDBOX_MAX_MEMORY_MB": "1024"}
    no_comeback_files = {"plugin.py": """\
        class Plugin:
            def __init__(self):
                self.count = 0

            def get_reload_state(self):
                return {"count": self.count}

            def set_reload_state(self, state):
                self.count = state["count"]

            def setup_async(self, ctx):
                if ctx.reason == "rollback":
                    raise RuntimeError("cannot come back")

            def handle_increment(self, payload):
                self.count += 1
                return {"count": self.count}


        async def register(app, context):
            return Plugin()
        """}
    blocking_teardown_files = {"plugin.py": """\
        import logging


        class Plugin:
            def __init__(self):
                self.count = 0

            def get_reload_state(self):
                return {"count": self.count}

            def set_reload_state(self, state):
                self.count = state["count"]

            def setup_async(self, ctx):
                logging.getLogger("bt").info("blocking-teardown ready (%s) count %s", ctx.reason, self.count)

            def teardown_async(self, ctx):
                while True:  # blocks the plugin thread
                    pass

            def handle_increment(self, payload):
                self.count += 1
                return {"count": self.count}


        async def register(app, context):
            return Plugin()
        """}

    def test_stuck_threads_are_interrupted_or_reported(self):
        process = self.start()
        self.load_counter(process)
        self.assertEqual(process.call("reload", dir=self.broken("never-loads"), sequence=2)["result"], "rolled-back")
        time.sleep(1.2)
        self.assertEqual(process.call("ping")["stuckThreads"], 0)  # the endless loop was interrupted
        self.assertEqual(process.call("reload", dir=self.broken("blocking-hook"), sequence=3)["result"],
                         "rolled-back")
        time.sleep(1.2)
        self.assertEqual(process.call("ping")["stuckThreads"], 1)  # time.sleep(3600) cannot be interrupted
        self.assertEqual(process.call("reload", dir=self.bundle(self.v2), sequence=4)["result"], "reloaded")
        self.assertEqual(process.invoke("increment")["result"], {"count": 1, "version": 2})

    def test_plugin_shapes_handlers_dict_add_handler_and_sync_hooks(self):
        bundle = self.inline_bundle({
            "plugin.py": """\
                import helpers

                PLUGIN_META = {"name": "shapes"}


                class Plugin:
                    def __init__(self, app):
                        self.items = []
                        self.handlers = {"add": self.add, "echo": lambda payload: payload}
                        app.add_handler("count", lambda: len(self.items))

                    def add(self, payload, ctx):
                        self.items.append(helpers.normalise(payload["item"]))
                        return {"items": self.items, "by": ctx.handler, "session": ctx["session_id"]}

                    def get_reload_state(self):
                        return {"items": self.items}

                    def set_reload_state(self, state):
                        self.items = state["items"]

                    def setup_async(self, ctx):
                        import logging
                        logging.getLogger("shapes").debug("debug is filtered at the default level")
                        logging.getLogger("shapes").warning("sync setup, reason %s", ctx.reason)


                def register(app, context):
                    assert context["plugin_meta"]["name"] == "shapes"
                    return Plugin(app)
                """,
            "helpers.py": """\
                def normalise(value):
                    return str(value).strip().lower()
                """,
        })
        process = self.start()
        loaded = process.call("load", dir=bundle, sequence=1)
        self.assertEqual(loaded["handlers"], ["add", "count", "echo"])
        self.assertEqual(loaded["meta"], {"name": "shapes"})
        warning = process.wait_event(lambda e: e["event"] == "log" and "sync setup" in e["message"])
        self.assertEqual((warning["level"], warning["logger"]), ("warn", "shapes"))
        self.assertEqual(process.invoke("add", {"item": " A "})["result"],
                         {"items": ["a"], "by": "add", "session": "test-session"})
        self.assertEqual(process.invoke("echo", {"x": [1, 2]})["result"], {"x": [1, 2]})
        # no on_reload_async: setup_async runs in the onReload step
        reloaded = process.call("reload", dir=bundle, sequence=2)
        self.assertEqual(reloaded["result"], "reloaded")
        process.wait_event(lambda e: e["event"] == "log" and "sync setup, reason reload" in e["message"])
        self.assertEqual(process.invoke("count")["result"], 1)
        self.assertFalse(any("debug is filtered" in e.get("message", "") for e in process.events))

    def test_memory_limit_turns_a_huge_allocation_into_memory_error(self):
        bundle = self.inline_bundle({"plugin.py": """\
            async def register(app, context):
                app.add_handler("hog", lambda payload: len(bytearray(2 * 1024 ** 3)))
                app.add_handler("ok", lambda payload: "fine")
            """})
        process = self.start(PX_SANDBOX_MAX_MEMORY_MB="512")
        process.call("load", dir=bundle, sequence=1)
        reply = process.request("invoke", handler="hog", payload={})
        self.assertEqual((reply["error"]["name"], reply["error"]["code"]), ("MemoryError", "HANDLER_ERROR"))
        self.assertEqual(process.invoke("ok")["result"], "fine")

    def test_sys_exit_in_a_handler_exits_the_process(self):
        bundle = self.inline_bundle({"plugin.py": """\
            import sys

            PLUGIN_META = {"name": "exits"}


            async def register(app, context):
                app.add_handler("quit", lambda payload: sys.exit(payload["code"]))
            """})
        process = self.start()
        process.call("load", dir=bundle, sequence=1)
        reply = process.request("invoke", handler="quit", payload={"code": 5})
        self.assertEqual(reply["error"]["code"], "PLUGIN_EXITED")
        self.assertEqual(process.wait_exit(5), 5)


if __name__ == "__main__":
    unittest.main(verbosity=2)
