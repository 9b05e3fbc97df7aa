#!/usr/bin/env python3
"""PowerX Dev Hotload — python sandbox harness.

Started by sandbox-orchestrator as ``python3 -u harness.py`` (one process per session). It connects to the
Unix socket named by PX_SANDBOX_CONTROL and speaks newline-delimited JSON there (docs/sandbox-protocol.md); in a
pod (PX_SANDBOX_LISTEN) it listens on TCP instead and the orchestrator connects to it.
stdout/stderr belong to the plugin; the control protocol never uses them.

Each plugin version runs on its own thread with its own asyncio loop (the python counterpart of the node
harness's one-Worker-per-version): the main thread only speaks the protocol and enforces timeouts, so a
plugin that blocks its loop (a hook that sleeps, an import that never finishes) cannot hang the harness.
A reload purges the old bundle's modules from sys.modules, puts the new bundle directory first on sys.path
and imports the entry afresh; on failure the old modules, sys.path and plugin object are put back.
"""

import asyncio
import base64
import collections
import concurrent.futures
import contextlib
import ctypes
import importlib
import importlib.util
import inspect
import json
import logging
import os
import sys
import threading
import time
import traceback

HARNESS_DIR = os.path.dirname(os.path.abspath(__file__))
if HARNESS_DIR not in sys.path:
    sys.path.insert(0, HARNESS_DIR)
# Bundle directories belong to the orchestrator: never write __pycache__ into them.
sys.dont_write_bytecode = True

from px_sandbox import BasePlugin, PluginApp, PluginContext  # noqa: E402

PROTOCOL_VERSION = 1
MAX_LINE_BYTES = 64 * 1024 * 1024
PROBE_S = 0.5
RETIRE_GRACE_S = 0.5
LOG_BACKPRESSURE_BYTES = 8 * 1024 * 1024
EXIT_WEDGED = 70
DEFAULT_ENTRY = "plugin.py"
HOOK_NAMES = ("setup_async", "teardown_async", "get_reload_state", "set_reload_state", "on_reload_async")
LOAD_PHASES = ("loadMs", "initMs", "restoreStateMs")
RELOAD_PHASES = ("saveStateMs", "teardownMs", "loadMs", "initMs", "restoreStateMs", "onReloadMs")
LEVELS = {logging.DEBUG: "debug", logging.INFO: "info", logging.WARNING: "warn", logging.ERROR: "error"}
# The plugin's environment (CONTRACT.md §4): these, as the orchestrator passed them, plus the active version's
# declared env (the manifest's `env` map, sent with load and reload). Nothing else, this harness's own PX_SANDBOX_*
# settings above all: they are read once at start and then removed from os.environ (and so from child processes).
PLUGIN_BASE_ENV = ("PATH", "HOME", "LANG", "TZ")

harness_log = logging.getLogger("px.harness")


def version_env(declared):
    """The declared env of a load or reload: names without "=", string values."""
    if declared is None:
        return {}
    if not isinstance(declared, dict):
        raise bad_request('"env" must be an object of strings')
    for name, value in declared.items():
        if not name or "=" in name or "\0" in name or not isinstance(value, str) or "\0" in value:
            raise bad_request(f'"env" entry {json.dumps(name)} must be a name without "=" with a string value')
    return dict(declared)


def use_environment(base, declared):
    """Makes os.environ exactly base + declared (the process environment, so child processes see the same)."""
    wanted = {**base, **declared}
    for name in list(os.environ):
        if name not in wanted:
            del os.environ[name]
    for name, value in wanted.items():
        if os.environ.get(name) != value:
            os.environ[name] = value


def positive_int(value, default):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


class Config:
    def __init__(self, env):
        self.control_path = env.get("PX_SANDBOX_CONTROL")
        self.listen = env.get("PX_SANDBOX_LISTEN")  # "port" or "host:port"
        self.reconnect_ms = positive_int(env.get("PX_SANDBOX_RECONNECT_MS"), 60000)
        self.bundle_root = env.get("PX_SANDBOX_BUNDLE_ROOT")
        self.session_id = env.get("PX_SANDBOX_SESSION", "")
        self.hook_timeout_ms = positive_int(env.get("PX_SANDBOX_HOOK_TIMEOUT_MS"), 5000)
        self.invoke_timeout_ms = positive_int(env.get("PX_SANDBOX_INVOKE_TIMEOUT_MS"), 10000)
        self.max_memory_mb = positive_int(env.get("PX_SANDBOX_MAX_MEMORY_MB"), 0)
        self.echo_logs = env.get("PX_SANDBOX_LOG_ECHO", "1") != "0"
        self.log_level = env.get("PX_SANDBOX_LOG_LEVEL", "info").upper()
        self.parent_death_signal = env.get("PX_SANDBOX_PDEATHSIG", "1") != "0"

    @property
    def hook_timeout_s(self):
        return self.hook_timeout_ms / 1000.0


# ------------------------------------------------------------------------------------------------- errors

class HarnessError(Exception):
    """A failure to report on the wire: info = {message, stack, phase?, hook?, timeout?, code?, name?}."""

    def __init__(self, info):
        super().__init__(info.get("message", ""))
        self.info = {"stack": "", **info}


class PluginExit(Exception):
    """The plugin called sys.exit(code) inside a hook or handler."""

    def __init__(self, code):
        super().__init__(f"plugin exited with code {code}")
        self.code = code


class _Abandon(BaseException):
    """Raised asynchronously in the thread of a version that was given up on (see VersionRuntime.retire)."""


def bad_request(message):
    return HarnessError({"message": message, "phase": "protocol", "code": "BAD_REQUEST"})


_INTERNAL_FILES = tuple(os.path.dirname(module.__file__) + os.sep for module in (asyncio, concurrent.futures))
_INTERNAL_FILES += (HARNESS_DIR + os.sep, threading.__file__, contextlib.__file__, "<frozen importlib")


def _plugin_frames_only(report, seen=None):
    """Drops the harness's, asyncio's and importlib's frames: the stack shows the plugin's code."""
    seen = seen if seen is not None else set()
    if report is None or id(report) in seen:
        return
    seen.add(id(report))
    report.stack = traceback.StackSummary.from_list(
        [frame for frame in report.stack if not frame.filename.startswith(_INTERNAL_FILES)])
    _plugin_frames_only(report.__cause__, seen)
    _plugin_frames_only(report.__context__, seen)


def describe(exc):
    report = traceback.TracebackException.from_exception(exc)
    _plugin_frames_only(report)
    return {
        "name": type(exc).__name__,
        "message": str(exc) or type(exc).__name__,
        "stack": "".join(report.format()),
    }


def with_phase(exc, phase, hook=None):
    info = dict(exc.info) if isinstance(exc, HarnessError) else describe(exc)
    info["phase"] = phase
    if hook:
        info["hook"] = hook
    return HarnessError(info)


def exit_code_of(system_exit):
    code = system_exit.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write(f"{code}\n")
    return 1


def to_json(value, what):
    """State and results cross the protocol as JSON; a round trip also keeps versions from sharing objects."""
    try:
        return json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{what} is not JSON-serializable: {exc}") from None


def _call_with(fn, *args):
    """Calls fn with as many of args as it accepts, so hooks and handlers may leave out ctx."""
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return fn(*args)
    positional = 0
    for parameter in signature.parameters.values():
        if parameter.kind == parameter.VAR_POSITIONAL:
            return fn(*args)
        if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
            positional += 1
    return fn(*args[:positional])


async def call_plugin(fn, *args):
    """Sync or async: both are accepted for every hook and handler."""
    result = _call_with(fn, *args)
    if inspect.isawaitable(result):
        result = await result
    return result


def rss_bytes():
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def module_name_for(entry):
    if not entry.endswith(".py"):
        raise bad_request(f'entry "{entry}" must be a .py file')
    parts = entry[:-3].replace(os.sep, "/").split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if not parts or not all(part.isidentifier() for part in parts):
        raise bad_request(f'entry "{entry}" does not map to a python module name')
    return ".".join(parts)


# ------------------------------------------------------------------------------------------- module space

class ModuleSpace:
    """sys.modules and sys.path bookkeeping for bundle directories (main thread only)."""

    def __init__(self):
        self.known_dirs = []

    @staticmethod
    def _locations(module):
        file = getattr(module, "__file__", None)
        if isinstance(file, str):
            return [file]
        try:
            return [p for p in (getattr(module, "__path__", None) or []) if isinstance(p, str)]
        except Exception:  # exotic __path__ objects
            return []

    def _roots(self, dirs):
        roots = set()
        for d in dirs:
            for form in (os.path.abspath(d), os.path.realpath(d)):
                roots.add(form.rstrip(os.sep) + os.sep)
        return tuple(roots)

    def _names_under(self, dirs):
        roots = self._roots(dirs)
        if not roots:
            return []
        names = []
        for name, module in list(sys.modules.items()):
            for location in self._locations(module):
                if os.path.abspath(location).startswith(roots):
                    names.append(name)
                    break
        return names

    def modules_under(self, bundle_dir):
        return {name: sys.modules[name] for name in self._names_under([bundle_dir]) if name in sys.modules}

    def purge_all(self):
        for name in self._names_under(self.known_dirs):
            sys.modules.pop(name, None)

    def _set_path(self, bundle_dir):
        known = {os.path.abspath(d) for d in self.known_dirs}
        sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") not in known]
        sys.path.insert(0, bundle_dir)
        importlib.invalidate_caches()

    def activate(self, bundle_dir):
        """Makes bundle_dir the place python imports the plugin's modules from, with none cached."""
        if bundle_dir not in self.known_dirs:
            self.known_dirs.append(bundle_dir)
        self.purge_all()
        self._set_path(bundle_dir)

    def restore(self, runtime):
        """Puts the modules of runtime (a version that was serving) back into sys.modules."""
        self.purge_all()
        sys.modules.update(runtime.modules)
        self._set_path(runtime.dir)

    def clear(self):
        self.purge_all()
        known = {os.path.abspath(d) for d in self.known_dirs}
        sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") not in known]


# ---------------------------------------------------------------------------------------- version runtime

class VersionRuntime:
    """One plugin version: its own thread and asyncio loop, its module objects and plugin object."""

    def __init__(self, harness, sequence, bundle_dir, entry, entry_file, env=None):
        self.harness = harness
        self.sequence = sequence
        self.env = env or {}
        self.dir = bundle_dir
        self.entry = entry
        self.entry_file = entry_file
        self.module_name = module_name_for(entry)
        self.module = None
        self.modules = {}
        self.plugin = None
        self.handlers = {}
        self.hooks = set()
        self.meta = None
        self.last_state = None
        self.dead = False
        self.retired = False
        self.abandoned = False
        self.log = logging.getLogger("plugin")
        self.loop = asyncio.new_event_loop()
        self.thread_ident = None
        self._started = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"px-plugin-{sequence}", daemon=True)
        self.thread.start()
        self._started.wait()

    # --- the version's own thread

    def _run(self):
        self.thread_ident = threading.get_ident()
        self.harness.threads[self.thread_ident] = self
        asyncio.set_event_loop(self.loop)
        self._started.set()
        exit_code = None
        try:
            self.loop.run_forever()
        except _Abandon:
            pass
        except SystemExit as exc:  # sys.exit() from a task the plugin started itself
            exit_code = exit_code_of(exc)
        except BaseException as exc:  # noqa: BLE001 - the plugin's thread must end, whatever it raised
            harness_log.error("plugin thread of sequence %s died: %s", self.sequence, exc)
            exit_code = 1
        finally:
            self.dead = True
            with contextlib.suppress(BaseException):
                self.loop.close()
            self.harness.threads.pop(self.thread_ident, None)
            with contextlib.suppress(BaseException):
                self.harness.version_ended(self, exit_code)

    def _import_entry(self):
        name = self.module_name
        if "." in name:
            importlib.import_module(name.rpartition(".")[0])
        is_package = os.path.basename(self.entry_file) == "__init__.py"
        spec = importlib.util.spec_from_file_location(
            name, self.entry_file,
            submodule_search_locations=[os.path.dirname(self.entry_file)] if is_package else None)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {self.entry_file}")
        module = importlib.util.module_from_spec(spec)
        # exec_module directly (not import_module) so the entry takes no import lock a stuck import could
        # keep forever; nested imports go through the normal import system.
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            if sys.modules.get(name) is module:
                del sys.modules[name]
            raise
        return module

    async def load_module(self):
        self.module = self._import_entry()

    async def construct(self):
        module = self.module
        meta = getattr(module, "PLUGIN_META", None)
        if meta is not None and not isinstance(meta, dict):
            raise TypeError(f"PLUGIN_META must be a dict, got {type(meta).__name__}")
        register = getattr(module, "register", None)
        if not callable(register):
            raise TypeError(f"{self.entry} defines no register(app, context) function")
        name = (meta or {}).get("name")
        self.log = logging.getLogger(f"plugin.{name}" if isinstance(name, str) and name else "plugin")
        app = PluginApp(self.harness.config.session_id, self.sequence, self.log)
        context = {
            "session_id": self.harness.config.session_id,
            "sequence": self.sequence,
            "bundle_dir": self.dir,
            "plugin_meta": dict(meta or {}),
            "runtime": "python",
            "services": {"logger": self.log},
            "config": {},
        }
        plugin = await call_plugin(register, app, context)
        if plugin is None:
            if not app.handlers:
                raise TypeError("register(app, context) returned None; it must return the plugin object")
            plugin = BasePlugin(app, context)
        self.handlers = self._collect_handlers(plugin, app)
        self.hooks = {hook for hook in HOOK_NAMES if callable(getattr(plugin, hook, None))}
        self.plugin = plugin
        try:
            self.meta = json.loads(json.dumps(meta or {}, default=str, allow_nan=False))
        except (TypeError, ValueError):
            self.meta = {}
        return {"handlers": sorted(self.handlers), "hooks": sorted(self.hooks)}

    @staticmethod
    def _collect_handlers(plugin, app):
        handlers = dict(app.handlers)
        declared = getattr(plugin, "handlers", None)
        if declared is not None:
            if not isinstance(declared, dict):
                raise TypeError(f"plugin.handlers must be a dict of name -> callable, got {type(declared).__name__}")
            for name, fn in declared.items():
                if not callable(fn):
                    raise TypeError(f"handlers[{name!r}] must be callable")
                handlers[str(name)] = fn
        for attribute in dir(plugin):
            if attribute.startswith("handle_") and len(attribute) > len("handle_"):
                fn = getattr(plugin, attribute, None)
                if callable(fn):
                    handlers.setdefault(attribute[len("handle_"):], fn)
        return handlers

    def make_ctx(self, **fields):
        return PluginContext(self.harness.config.session_id, self.sequence, self.log, **fields)

    async def run_hook(self, name, state=None, ctx=None):
        fn = getattr(self.plugin, name, None)
        if not callable(fn):
            return {"called": False, "value": None}
        if name == "get_reload_state":
            return {"called": True, "value": to_json(await call_plugin(fn), "get_reload_state() result")}
        if name == "set_reload_state":
            await call_plugin(fn, state)
        else:
            await call_plugin(fn, self.make_ctx(**(ctx or {})))
        return {"called": True, "value": None}

    async def run_handler(self, handler, payload):
        value = await call_plugin(self.handlers[handler], payload, self.make_ctx(handler=handler))
        return to_json(value, f'handler "{handler}" result')

    # --- called from the main thread

    async def call(self, fn, timeout_s, what):
        """Runs the coroutine function fn on this version's loop and waits at most timeout_s for it."""
        if self.dead:
            raise HarnessError({"message": f"plugin (sequence {self.sequence}) is not running",
                                "code": "PLUGIN_EXITED"})

        async def guarded():
            try:
                return await fn()
            except SystemExit as exc:
                raise PluginExit(exit_code_of(exc)) from None

        try:
            future = asyncio.run_coroutine_threadsafe(guarded(), self.loop)
        except RuntimeError:
            raise HarnessError({"message": f"plugin (sequence {self.sequence}) is not running",
                                "code": "PLUGIN_EXITED"}) from None
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout_s)
        except asyncio.TimeoutError:
            raise HarnessError({"message": f"{what} did not finish within {round(timeout_s * 1000)} ms",
                                "timeout": True, "code": "TIMEOUT"}) from None
        except PluginExit as exc:
            raise HarnessError({"message": str(exc), "code": "PLUGIN_EXITED", "exitCode": exc.code}) from None
        except (asyncio.CancelledError, _Abandon):
            raise HarnessError({"message": f"{what} was abandoned: its version was retired",
                                "code": "ABANDONED"}) from None
        except Exception as exc:  # noqa: BLE001 - whatever the plugin raised is reported, not fatal
            raise HarnessError(describe(exc)) from None

    async def responsive(self):
        """True when the version's loop answers within PROBE_S (a pending await does not block it)."""
        if self.dead:
            return False

        async def noop():
            return None

        try:
            await self.call(noop, PROBE_S, "probe")
            return True
        except HarnessError:
            return False

    def retire(self):
        """Stops the version's loop; if its thread is still running plugin code after a grace period (stuck in
        a loop or a blocking call), raises _Abandon in it. A thread blocked inside a C call (time.sleep, a
        socket read) only sees that when the call returns: it stays, counted as stuckThreads in ping."""
        if self.retired:
            return
        self.retired = True
        if self.dead:
            return
        with contextlib.suppress(RuntimeError):
            self.loop.call_soon_threadsafe(self._stop_loop)
        self.harness.loop.call_later(RETIRE_GRACE_S, self._abandon_if_alive)

    def _stop_loop(self):
        tasks = [task for task in asyncio.all_tasks(self.loop) if not task.done()]
        for task in tasks:
            task.cancel()

        async def finish():
            if tasks:
                await asyncio.wait(tasks, timeout=0.2)
            self.loop.stop()

        self.loop.create_task(finish())

    def _abandon_if_alive(self):
        if not self.thread.is_alive() or self.thread_ident is None:
            return
        self.abandoned = True
        modified = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_ident),
                                                              ctypes.py_object(_Abandon))
        if modified > 1:  # never expected; undo as the C API asks
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread_ident), None)

    @property
    def stuck(self):
        return self.abandoned and self.thread.is_alive()


# --------------------------------------------------------------------------------------------------- lock

class ReadWriteLock:
    """Invokes and getState share; load, reload and shutdown are exclusive. Waiting writers block new readers."""

    def __init__(self):
        self._readers = 0
        self._writer = False
        self._queue = collections.deque()

    def _drain(self):
        while self._queue and not self._writer:
            write, future = self._queue[0]
            if write:
                if self._readers:
                    return
                self._writer = True
            else:
                self._readers += 1
            self._queue.popleft()
            future.set_result(None)

    @contextlib.asynccontextmanager
    async def _hold(self, write):
        future = asyncio.get_running_loop().create_future()
        self._queue.append((write, future))
        self._drain()
        await future
        try:
            yield
        finally:
            if write:
                self._writer = False
            else:
                self._readers -= 1
            self._drain()

    def read(self):
        return self._hold(False)

    def write(self):
        return self._hold(True)


# ------------------------------------------------------------------------------------------------ logging

class ControlLogHandler(logging.Handler):
    """Routes logging records to `log` events (any thread) with their level and the emitting version."""

    def __init__(self, harness):
        super().__init__(logging.DEBUG)
        self.harness = harness
        self.setFormatter(logging.Formatter("%(message)s"))

    def emit(self, record):
        try:
            message = self.format(record)
            if record.levelno >= logging.ERROR:
                level = "error"
            else:
                level = LEVELS.get(record.levelno) or ("warn" if record.levelno > logging.INFO else
                                                        "info" if record.levelno > logging.DEBUG else "debug")
            source = "harness" if record.name == "px.harness" else "logging"
            self.harness.log_threadsafe(level, source, message, record.thread, record.name)
        except Exception:  # noqa: BLE001
            self.handleError(record)


# ------------------------------------------------------------------------------------------------ harness

class Harness:
    def __init__(self, config):
        self.config = config
        self.loop = None
        self.writer = None
        self.main_thread = threading.get_ident()
        self.active = None
        self.reloading = False
        self.closing = False
        self.lock = ReadWriteLock()
        self.modules = ModuleSpace()
        self.threads = {}
        self.retired = []
        self.dropped_logs = 0
        self.exiting = False
        self.exit_code = None
        self.started = time.monotonic()
        self.tasks = set()
        self.base_env = {name: os.environ[name] for name in PLUGIN_BASE_ENV if name in os.environ}

    # --- wire

    def write(self, message):
        if self.writer is None or self.writer.is_closing():
            return
        try:
            line = json.dumps(message, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as exc:  # never expected: results and states are normalised already
            if "id" not in message:
                return
            line = json.dumps({"id": message["id"], "ok": False, "error": {
                "message": f"the response could not be encoded as JSON: {exc}", "stack": "", "phase": "harness"}})
        # backslashreplace: a lone surrogate in plugin text becomes a JSON \\uXXXX escape instead of an error
        self.writer.write((line + "\n").encode("utf-8", "backslashreplace"))

    def send_log(self, level, source, message, sequence, logger=None):
        if self.writer is None or self.writer.is_closing():
            return
        if self.writer.transport.get_write_buffer_size() > LOG_BACKPRESSURE_BYTES:
            self.dropped_logs += 1
            return
        if self.dropped_logs:
            dropped, self.dropped_logs = self.dropped_logs, 0
            self.write({"event": "log", "level": "warn", "source": "harness", "sequence": sequence,
                        "message": f"{dropped} log events were dropped because the control socket was not "
                                   "being read", "dropped": dropped})
        event = {"event": "log", "level": level, "source": source, "message": message}
        if sequence is not None:
            event["sequence"] = sequence
        if logger:
            event["logger"] = logger
        self.write(event)

    def log_threadsafe(self, level, source, message, thread_ident, logger):
        runtime = self.threads.get(thread_ident)
        sequence = runtime.sequence if runtime is not None else (self.active.sequence if self.active else None)
        if threading.get_ident() == self.main_thread:
            self.send_log(level, source, message, sequence, logger)
        elif self.loop is not None and not self.loop.is_closed():
            with contextlib.suppress(RuntimeError):
                self.loop.call_soon_threadsafe(self.send_log, level, source, message, sequence, logger)

    # --- exits

    def exit_immediately(self, code):
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)

    async def exit_now(self, code):
        """Flushes what is queued on the control socket (at most 1 s), then exits with code."""
        if self.exiting:
            return
        self.exiting = True
        self.exit_code = code
        if self.writer is not None and not self.writer.is_closing():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.writer.drain(), 1.0)
        self.exit_immediately(code)

    def fatal(self, code, reason, sequence=None):
        """The plugin can no longer serve: tell the orchestrator why, let pending replies out, exit."""
        if self.exiting or self.exit_code is not None:
            return
        self.exit_code = code
        event = {"event": "fatal", "code": code, "reason": reason}
        if sequence is not None:
            event["sequence"] = sequence
        self.write(event)
        sys.stderr.write(f"[px-harness] {reason}; exiting with code {code}\n")
        self.loop.call_later(0.02, lambda: self.spawn(self.exit_now(code)))

    def version_ended(self, runtime, exit_code):
        """Called on a version's thread when it ends."""
        with contextlib.suppress(RuntimeError):
            self.loop.call_soon_threadsafe(self._on_version_end, runtime, exit_code)

    def _on_version_end(self, runtime, exit_code):
        if runtime is not self.active or self.reloading or self.closing or runtime.retired:
            return
        self.active = None
        code = 1 if exit_code is None else exit_code
        self.fatal(code, f"plugin (sequence {runtime.sequence}) exited with code {code}", runtime.sequence)

    def spawn(self, coro):
        task = self.loop.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    # --- versions

    def resolve_entry(self, bundle_dir, entry):
        if not isinstance(bundle_dir, str) or not os.path.isabs(bundle_dir):
            raise bad_request('"dir" must be an absolute path')
        if entry is not None and not isinstance(entry, str):
            raise bad_request('"entry" must be a string')
        if not os.path.isdir(bundle_dir):
            raise HarnessError({"message": f"bundle directory {bundle_dir} does not exist", "phase": "load"})
        entry = entry or DEFAULT_ENTRY
        entry_file = os.path.normpath(os.path.join(bundle_dir, entry))
        if not entry_file.startswith(os.path.normpath(bundle_dir).rstrip(os.sep) + os.sep):
            raise bad_request(f'entry "{entry}" is outside the bundle directory')
        module_name_for(entry)
        if not os.path.isfile(entry_file):
            raise HarnessError({"message": f"entry {entry} not found in {bundle_dir}", "phase": "load"})
        return entry, entry_file

    async def timed(self, phases, phase, hook, fn):
        """Awaits fn(), adds its wall time to phases[phase + "Ms"], tags failures with the phase and hook."""
        started = time.perf_counter()
        try:
            return await fn()
        except HarnessError as exc:
            raise with_phase(exc, phase, hook) from None
        finally:
            key = f"{phase}Ms"
            phases[key] = phases.get(key, 0.0) + (time.perf_counter() - started) * 1000.0

    def hook(self, runtime, name, state=None, ctx=None):
        return runtime.call(lambda: runtime.run_hook(name, state, ctx), self.config.hook_timeout_s, f"{name}()")

    def retire(self, runtime):
        runtime.retire()
        self.retired = [r for r in self.retired if r.thread.is_alive()]
        if runtime.thread.is_alive():
            self.retired.append(runtime)

    def use_env(self, runtime):
        """The process environment of runtime (None: no version), set before its code runs again."""
        use_environment(self.base_env, runtime.env if runtime is not None else {})

    async def start_version(self, bundle_dir, entry, entry_file, sequence, phases, reuse=None, env=None):
        """New thread + import (phase load) + register (phase init). With reuse, the already imported modules
        of that version are used again instead of importing (rollback onto a version whose thread is gone)."""
        runtime = None
        try:
            async def load():
                nonlocal runtime
                if reuse is None:
                    self.modules.activate(bundle_dir)
                else:
                    self.modules.restore(reuse)
                declared = (env or {}) if reuse is None else reuse.env
                use_environment(self.base_env, declared)
                runtime = VersionRuntime(self, sequence, bundle_dir, entry, entry_file, declared)
                if reuse is None:
                    await runtime.call(runtime.load_module, self.config.hook_timeout_s, f"importing {entry}")
                    runtime.modules = self.modules.modules_under(bundle_dir)
                else:
                    runtime.module, runtime.modules = reuse.module, reuse.modules

            await self.timed(phases, "load", None, load)
            await self.timed(phases, "init", "register",
                                     lambda: runtime.call(runtime.construct, self.config.hook_timeout_s,
                                                          "register(app, context)"))
            return runtime
        except BaseException:
            if runtime is not None:
                self.retire(runtime)
            self.modules.purge_all()
            raise

    async def initialise(self, runtime, state, reason, phases):
        """The order of a (re)start with state: set_reload_state(state) if a state exists, then setup_async."""
        if state is not None and "set_reload_state" in runtime.hooks:
            await self.timed(phases, "restoreState", "set_reload_state",
                             lambda: self.hook(runtime, "set_reload_state", state=state))
        if "setup_async" in runtime.hooks:
            await self.timed(phases, "init", "setup_async",
                             lambda: self.hook(runtime, "setup_async", ctx={"reason": reason}))

    # --- operations

    async def op_load(self, req):
        sequence = req.get("sequence")
        if not isinstance(sequence, int) or isinstance(sequence, bool):
            raise bad_request('"sequence" must be an integer')
        async with self.lock.write():
            if self.active is not None:
                raise bad_request(f"sequence {self.active.sequence} is already loaded; use reload")
            entry, entry_file = self.resolve_entry(req.get("dir"), req.get("entry"))
            env = version_env(req.get("env"))
            state = req.get("state")
            started = time.perf_counter()
            phases = {}
            runtime = None
            try:
                runtime = await self.start_version(req["dir"], entry, entry_file, sequence, phases, env=env)
                await self.initialise(runtime, state, "load" if state is None else "restore", phases)
            except BaseException:
                if runtime is not None:
                    self.retire(runtime)
                self.modules.clear()
                self.use_env(None)
                raise
            runtime.last_state = state
            self.active = runtime
            # The version directory is a server path: developers see this line on their stream, so it is not named.
            harness_log.info("loaded sequence %s", sequence)
            return {"result": "loaded", "sequence": sequence, "phases": round_phases(phases, LOAD_PHASES),
                    "durationMs": elapsed_ms(started), "handlers": sorted(runtime.handlers), "meta": runtime.meta}

    async def op_reload(self, req):
        sequence = req.get("sequence")
        if not isinstance(sequence, int) or isinstance(sequence, bool):
            raise bad_request('"sequence" must be an integer')
        async with self.lock.write():
            old = self.active
            if old is None:
                raise HarnessError({"message": "no plugin version is loaded; send load first",
                                    "phase": "protocol", "code": "NOT_LOADED"})
            entry, entry_file = self.resolve_entry(req.get("dir"), req.get("entry"))
            env = version_env(req.get("env"))
            self.reloading = True
            try:
                return await self.swap(old, req["dir"], entry, entry_file, sequence, env)
            finally:
                self.reloading = False

    async def swap(self, old, bundle_dir, entry, entry_file, sequence, env=None):
        """get_reload_state (old) -> teardown_async (old) -> import new -> register -> set_reload_state(state)
        -> on_reload_async (or setup_async when the new version has no on_reload_async)."""
        started = time.perf_counter()
        phases = {}
        state = old.last_state
        torn_down = False
        new = None
        old.modules = self.modules.modules_under(old.dir)  # includes modules it imported lazily since its load
        try:
            if "get_reload_state" in old.hooks:
                saved = await self.timed(phases, "saveState", "get_reload_state",
                                         lambda: self.hook(old, "get_reload_state"))
                state = saved["value"]
                old.last_state = state
            else:
                state = None
            torn_down = True
            if "teardown_async" in old.hooks:
                await self.timed(phases, "teardown", "teardown_async",
                                 lambda: self.hook(old, "teardown_async",
                                                   ctx={"reason": "reload", "next_sequence": sequence}))
            new = await self.start_version(bundle_dir, entry, entry_file, sequence, phases, env=env)
            if state is not None and "set_reload_state" in new.hooks:
                await self.timed(phases, "restoreState", "set_reload_state",
                                 lambda: self.hook(new, "set_reload_state", state=state))
            init_hook = ("on_reload_async" if "on_reload_async" in new.hooks
                         else "setup_async" if "setup_async" in new.hooks else None)
            if init_hook:
                await self.timed(phases, "onReload", init_hook,
                                 lambda: self.hook(new, init_hook,
                                                   ctx={"reason": "reload", "previous_sequence": old.sequence}))
        except HarnessError as err:
            if new is not None:
                self.retire(new)
            return await self.roll_back(old, state, torn_down, err, phases, started, sequence)
        new.last_state = state
        self.active = new
        self.retire(old)
        harness_log.info("reloaded sequence %s -> %s", old.sequence, sequence)
        return {"result": "reloaded", "sequence": sequence, "previousSequence": old.sequence,
                "phases": round_phases(phases, RELOAD_PHASES), "durationMs": elapsed_ms(started),
                "handlers": sorted(new.handlers)}

    async def roll_back(self, old, state, torn_down, err, phases, started, sequence):
        """Puts the previous version back: its modules and sys.path first; then, if its loop still answers,
        set_reload_state(saved state) + setup_async again on the same plugin object (only if it was torn down);
        if its thread is gone or blocked, a new thread runs register() again on its (still imported) modules
        with the same state. Only if both fail is the sandbox left without a plugin."""
        rollback_started = time.perf_counter()
        error = err.info
        restored = None
        restarted = False
        rollback_error = None
        self.modules.restore(old)
        self.use_env(old)
        if await old.responsive():
            try:
                if torn_down:
                    await self.initialise(old, state, "rollback", {})
                restored = old
            except HarnessError as exc:
                rollback_error = with_phase(exc, "rollback").info
        if restored is None:
            self.retire(old)
            try:
                fresh = await self.start_version(old.dir, old.entry, old.entry_file, old.sequence, {}, reuse=old)
                try:
                    await self.initialise(fresh, state, "rollback", {})
                except HarnessError:
                    self.retire(fresh)
                    raise
                restored = fresh
                restarted = True
            except HarnessError as exc:
                rollback_error = with_phase(exc, "rollback").info
        common = {"sequence": sequence, "error": error, "phases": round_phases(phases),
                  "rollbackMs": elapsed_ms(rollback_started), "durationMs": elapsed_ms(started)}
        if restored is None:
            self.active = None
            self.modules.clear()
            self.use_env(None)
            harness_log.error("reload to %s failed in %s and sequence %s could not be put back: %s",
                              sequence, error.get("phase"), old.sequence, (rollback_error or {}).get("message"))
            return {"result": "rollback-failed", **common, "rollbackError": rollback_error}
        self.modules.restore(restored)
        self.use_env(restored)
        restored.last_state = state
        self.active = restored
        harness_log.warning("reload to %s failed in %s: %s; sequence %s serves again",
                            sequence, error.get("phase"), error.get("message"), restored.sequence)
        return {"result": "rolled-back", **common, "activeSequence": restored.sequence, "restarted": restarted,
                "handlers": sorted(restored.handlers)}

    async def op_invoke(self, req):
        handler = req.get("handler")
        if not isinstance(handler, str) or not handler:
            raise bad_request('"handler" must be a non-empty string')
        timeout_ms = req.get("timeoutMs", self.config.invoke_timeout_ms)
        if not isinstance(timeout_ms, int) or isinstance(timeout_ms, bool) or timeout_ms <= 0:
            raise bad_request('"timeoutMs" must be a positive integer')
        payload = req.get("payload", {})
        async with self.lock.read():
            runtime = self.active
            if runtime is None:
                raise HarnessError({"message": "no plugin version is loaded", "phase": "invoke",
                                    "code": "NOT_LOADED"})
            if handler not in runtime.handlers:
                known = ", ".join(sorted(runtime.handlers)) or "none"
                raise HarnessError({"message": f'unknown handler "{handler}" (sequence {runtime.sequence} has: '
                                               f'{known})', "phase": "invoke", "code": "UNKNOWN_HANDLER"})
            started = time.perf_counter()
            try:
                value = await runtime.call(lambda: runtime.run_handler(handler, payload), timeout_ms / 1000.0,
                                           f'handler "{handler}"')
            except HarnessError as exc:
                failure = with_phase(exc, "invoke")
                failure.info.setdefault("code", "HANDLER_ERROR")
                failure.info.update(sequence=runtime.sequence, durationMs=elapsed_ms(started))
                self.after_failed_call(runtime, failure.info, f'handler "{handler}"')
                raise failure from None
            return {"result": value, "durationMs": elapsed_ms(started), "sequence": runtime.sequence}

    def after_failed_call(self, runtime, info, what):
        """sys.exit() in a handler ends the process like process.exit() in node; a call that timed out on a
        loop that no longer answers means the plugin thread is blocked: exit so the orchestrator restarts."""
        if info.get("code") == "PLUGIN_EXITED" and runtime is self.active:
            code = info.get("exitCode", 1)
            self.fatal(code, f"plugin (sequence {runtime.sequence}) exited with code {code}", runtime.sequence)
        elif info.get("timeout"):
            self.spawn(self._check_wedged(runtime, what))

    async def _check_wedged(self, runtime, what):
        if await runtime.responsive():
            return
        if runtime is self.active and not self.reloading and not self.closing:
            self.fatal(EXIT_WEDGED, f"{what} blocked the plugin thread past its timeout "
                                    f"(sequence {runtime.sequence})", runtime.sequence)

    async def op_getState(self, req):
        async with self.lock.read():
            runtime = self.active
            if runtime is None:
                raise HarnessError({"message": "no plugin version is loaded", "phase": "saveState",
                                    "code": "NOT_LOADED"})
            if "get_reload_state" not in runtime.hooks:
                return {"state": None, "sequence": runtime.sequence}
            try:
                saved = await self.hook(runtime, "get_reload_state")
            except HarnessError as exc:
                failure = with_phase(exc, "saveState", "get_reload_state")
                self.after_failed_call(runtime, failure.info, "get_reload_state()")
                raise failure from None
            runtime.last_state = saved["value"]
            return {"state": saved["value"], "sequence": runtime.sequence}

    async def op_ping(self, req):
        self.retired = [r for r in self.retired if r.thread.is_alive()]
        return {"sequence": self.active.sequence if self.active else None, "rssBytes": rss_bytes(),
                "uptimeMs": elapsed_ms(self.started, clock=time.monotonic),
                "stuckThreads": sum(1 for r in self.retired if r.stuck)}

    async def op_writeFiles(self, req):
        """A pod's versions arrive over the connection, the first one included (the orchestrator holds the files;
        the pod has no credential to fetch them and may reach nothing): base64 files written under
        PX_SANDBOX_BUNDLE_ROOT only. `append: true` adds to the file instead of replacing it, so a file larger than
        one request line arrives in pieces."""
        def fail(message):
            raise HarnessError({"message": message, "phase": "protocol", "code": "BAD_REQUEST"})
        if not self.config.bundle_root:
            fail("writeFiles needs PX_SANDBOX_BUNDLE_ROOT")
        root = os.path.realpath(self.config.bundle_root)
        target_dir = os.path.realpath(os.path.join(root, str(req.get("dir") or "")))
        if not target_dir.startswith(root + os.sep):
            fail(f"dir {req.get('dir')!r} is outside the bundle root")
        files = req.get("files")
        if not isinstance(files, list):
            fail("files must be an array")
        for file in files:
            relative = file.get("path") if isinstance(file, dict) else None
            target = os.path.realpath(os.path.join(target_dir, relative or ""))
            if not isinstance(relative, str) or os.path.isabs(relative) or not target.startswith(target_dir + os.sep):
                fail(f"invalid file path {relative!r}")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "ab" if file.get("append") is True else "wb") as out:
                out.write(base64.b64decode(file.get("data") or ""))
        return {"dir": target_dir, "written": len(files)}

    async def op_shutdown(self, req):
        async with self.lock.write():
            self.closing = True
            runtime = self.active
            result = {"sequence": runtime.sequence if runtime else None, "teardownMs": 0}
            if runtime is not None and "teardown_async" in runtime.hooks:
                started = time.perf_counter()
                try:
                    await self.hook(runtime, "teardown_async", ctx={"reason": "shutdown"})
                except HarnessError as exc:
                    result["teardownError"] = with_phase(exc, "teardown", "teardown_async").info
                result["teardownMs"] = elapsed_ms(started)
            self.active = None
            return result

    # --- dispatch

    async def handle_line(self, line):
        try:
            req = json.loads(line)
        except ValueError as exc:
            self.write({"id": None, "ok": False, "error": {"message": f"invalid JSON: {exc}", "stack": "",
                                                           "phase": "protocol", "code": "BAD_REQUEST"}})
            return
        request_id = req.get("id") if isinstance(req, dict) else None
        if not isinstance(request_id, int) or isinstance(request_id, bool):
            self.write({"id": None, "ok": False, "error": {"message": 'every request needs an integer "id"',
                                                           "stack": "", "phase": "protocol",
                                                           "code": "BAD_REQUEST"}})
            return
        op = req.get("op")
        operation = getattr(self, f"op_{op}", None) if isinstance(op, str) and op.isidentifier() else None
        if operation is None:
            self.write({"id": request_id, "ok": False, "error": {"message": f"unknown op {json.dumps(op)}",
                                                                 "stack": "", "phase": "protocol",
                                                                 "code": "BAD_REQUEST"}})
            return
        if self.closing and op != "ping":
            self.write({"id": request_id, "ok": False, "error": {"message": "the sandbox is shutting down",
                                                                 "stack": "", "phase": "protocol",
                                                                 "code": "SHUTTING_DOWN"}})
            return
        try:
            result = await operation(req)
            self.write({"id": request_id, "ok": True, "result": result})
        except HarnessError as exc:
            self.write({"id": request_id, "ok": False, "error": exc.info})
        except Exception as exc:  # noqa: BLE001 - a harness bug must not kill the session
            info = describe(exc)
            info["phase"] = "harness"
            self.write({"id": request_id, "ok": False, "error": info})
        if op == "shutdown":
            await self.exit_now(0)

    async def serve(self):
        self.loop = asyncio.get_running_loop()
        if self.config.listen:
            await self.serve_listening()
            return
        try:
            reader, self.writer = await asyncio.open_unix_connection(self.config.control_path,
                                                                     limit=MAX_LINE_BYTES)
        except OSError as exc:
            sys.stderr.write(f"[px-harness] cannot connect to {self.config.control_path}: {exc}\n")
            self.exit_immediately(2)
        await self.converse(reader)
        # No orchestrator, no sandbox: exit at once so nothing is orphaned.
        self.exit_immediately(self.exit_code if self.exit_code is not None else 0)

    async def converse(self, reader):
        """Greets the orchestrator and serves its requests until the connection closes."""
        self.write({"event": "hello", "runtime": "python", "version": sys.version.split()[0], "pid": os.getpid(),
                    "sessionId": self.config.session_id, "protocol": PROTOCOL_VERSION})
        while True:
            try:
                line = await reader.readline()
            except ValueError:
                self.write({"id": None, "ok": False, "error": {"message": "request line exceeds 64 MiB",
                                                               "stack": "", "phase": "protocol",
                                                               "code": "BAD_REQUEST"}})
                continue
            except OSError:
                line = b""
            if not line:
                break
            if line.strip():
                self.spawn(self.handle_line(line))

    async def serve_listening(self):
        """In a pod the orchestrator dials in. One connection at a time (a second is closed at once, so two
        orchestrators never drive one plugin); when it closes the plugin keeps running for PX_SANDBOX_RECONNECT_MS
        so that the replica adopting the session takes it over with its live state; nobody by then -> exit."""
        host, _, port = self.config.listen.rpartition(":")
        idle = None

        def await_orchestrator():
            nonlocal idle
            idle = self.loop.call_later(self.config.reconnect_ms / 1000.0, self.exit_immediately,
                                        self.exit_code if self.exit_code is not None else 0)

        async def accept(reader, writer):
            if self.writer is not None and not self.writer.is_closing():
                writer.close()
                return
            idle.cancel()
            self.writer = writer
            await self.converse(reader)
            with contextlib.suppress(Exception):
                writer.close()
            if self.exit_code is not None:
                self.exit_immediately(self.exit_code)
            await_orchestrator()

        try:
            server = await asyncio.start_server(accept, host or None, int(port), limit=MAX_LINE_BYTES)
        except (OSError, ValueError) as exc:
            sys.stderr.write(f"[px-harness] cannot listen on {self.config.listen}: {exc}\n")
            self.exit_immediately(2)
        await_orchestrator()
        async with server:
            await server.serve_forever()


def round_phases(phases, keys=None):
    return {key: int(round(phases.get(key, 0.0))) for key in (keys or phases.keys())}


def elapsed_ms(since, clock=time.perf_counter):
    return int(round((clock() - since) * 1000.0))


# ------------------------------------------------------------------------------------------------ process

def apply_process_limits(config):
    if sys.platform.startswith("linux") and config.parent_death_signal:
        # SIGKILL when the parent goes away. Caveat: Linux sends it when the *thread* that forked us exits.
        parent = os.getppid()
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, 9, 0, 0, 0)  # PR_SET_PDEATHSIG, SIGKILL
        except (OSError, AttributeError):
            pass
        if os.getppid() != parent:
            os._exit(0)
    if config.max_memory_mb:
        import resource
        limit = config.max_memory_mb * 1024 * 1024
        try:
            # Each thread may get its own 64 MiB malloc arena, which counts against RLIMIT_AS: keep them few.
            ctypes.CDLL(None).mallopt(-8, 2)  # M_ARENA_MAX
        except (OSError, AttributeError):
            pass
        try:
            _, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                limit = min(limit, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError) as exc:
            sys.stderr.write(f"[px-harness] cannot set RLIMIT_AS to {limit} bytes: {exc}\n")


def configure_logging(harness, config):
    root = logging.getLogger()
    root.setLevel(getattr(logging, config.log_level, logging.INFO))
    root.addHandler(ControlLogHandler(harness))
    if config.echo_logs:
        echo = logging.StreamHandler(sys.stderr)
        echo.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
        echo.addFilter(lambda record: record.name != "px.harness")
        root.addHandler(echo)
    harness_log.setLevel(logging.DEBUG)


def ignore_abandoned_threads(default_hook=threading.excepthook):
    """A retired version's thread that ends with _Abandon is expected, not an error worth a traceback."""
    def hook(args):
        if args.exc_type is not None and issubclass(args.exc_type, _Abandon):
            return
        default_hook(args)
    threading.excepthook = hook


def main():
    config = Config(os.environ)
    if not config.control_path and not config.listen:
        sys.stderr.write("[px-harness] PX_SANDBOX_CONTROL is not set\n")
        sys.exit(2)
    apply_process_limits(config)
    ignore_abandoned_threads()
    harness = Harness(config)
    harness.use_env(None)  # the settings are read: from here on the environment is the plugin's
    configure_logging(harness, config)
    asyncio.run(harness.serve())


if __name__ == "__main__":
    main()
