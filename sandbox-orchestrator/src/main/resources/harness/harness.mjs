// PowerX Dev Hotload — Node.js sandbox harness.
//
// Started by sandbox-orchestrator as `node harness.mjs` (one process per session). It connects to the Unix
// socket named by PX_SANDBOX_CONTROL and speaks newline-delimited JSON there (docs/sandbox-protocol.md); in a
// pod (PX_SANDBOX_LISTEN) it listens on TCP instead and the orchestrator connects to it.
// stdout/stderr belong to the plugin; the control protocol never uses them.
//
// Each plugin version runs in its own worker_threads Worker (plugin-worker.mjs): a reload starts a fresh
// Worker for the new code, so the whole module graph is evaluated anew and the old one is freed when its
// Worker is terminated. The main thread only speaks the protocol, enforces timeouts and keeps the old
// version's Worker alive until the new version is fully up, so a failed reload can put it back.
// Booting a Worker costs ~40-50 ms and importing a small bundle ~2 ms, so one Worker is kept booted ahead
// of time (the standby) and handed the next version's entry file when a load or reload comes.
import net from 'node:net';
import fs from 'node:fs';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

const PROTOCOL_VERSION = 1;
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const PROBE_MS = 500;
const LOG_BACKPRESSURE_BYTES = 8 * 1024 * 1024;
const EXIT_WEDGED = 70;
const EXIT_OUT_OF_MEMORY = 71;
const DEFAULT_ENTRIES = ['index.mjs', 'index.js', 'index.cjs'];
const WORKER_URL = new URL('./plugin-worker.mjs', import.meta.url);
const SYNTAX_CHECK_BUDGET_MS = 3000;
const SYNTAX_CHECK_MAX_FILES = 50;

function positiveInt(value, fallback) {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

const config = {
  controlPath: process.env.PX_SANDBOX_CONTROL,
  listen: process.env.PX_SANDBOX_LISTEN, // "port" or "host:port"
  reconnectMs: positiveInt(process.env.PX_SANDBOX_RECONNECT_MS, 60000),
  bundleRoot: process.env.PX_SANDBOX_BUNDLE_ROOT,
  sessionId: process.env.PX_SANDBOX_SESSION ?? '',
  hookTimeoutMs: positiveInt(process.env.PX_SANDBOX_HOOK_TIMEOUT_MS, 5000),
  invokeTimeoutMs: positiveInt(process.env.PX_SANDBOX_INVOKE_TIMEOUT_MS, 10000),
  maxOldSpaceMb: positiveInt(process.env.PX_SANDBOX_MAX_OLD_SPACE_MB, 0),
  echoLogs: (process.env.PX_SANDBOX_LOG_ECHO ?? '1') !== '0',
  standby: (process.env.PX_SANDBOX_STANDBY_WORKER ?? '1') !== '0',
};
const startedAt = performance.now();

// The plugin's environment (CONTRACT.md §4) is PATH, HOME, LANG and TZ as the orchestrator passed them, plus each
// version's declared env (the manifest's `env` map, sent with load and reload). Everything else, this harness's own
// PX_SANDBOX_* settings above all, leaves the process environment here, before any plugin code runs: Workers copy
// process.env when they are created, and child processes inherit the real environment, which delete changes too.
const PLUGIN_BASE_ENV = ['PATH', 'HOME', 'LANG', 'TZ'];
const baseEnv = Object.fromEntries(PLUGIN_BASE_ENV.filter((name) => process.env[name] !== undefined)
  .map((name) => [name, process.env[name]]));
for (const name of Object.keys(process.env)) {
  if (!Object.hasOwn(baseEnv, name)) delete process.env[name];
}

// ---------------------------------------------------------------------------------------------- errors

/** A failure to report on the wire: info = {message, stack, phase?, hook?, timeout?, code?, name?}. */
class HarnessError extends Error {
  constructor(info) {
    super(info.message);
    this.info = { stack: '', ...info };
  }
}

function badRequest(message) {
  return new HarnessError({ message, phase: 'protocol', code: 'BAD_REQUEST' });
}

/** A version's environment: the base plus the `env` of a load or reload (names without "=", string values). */
function versionEnv(declared) {
  if (declared === undefined || declared === null) return { ...baseEnv };
  if (typeof declared !== 'object' || Array.isArray(declared)) throw badRequest('"env" must be an object of strings');
  for (const [name, value] of Object.entries(declared)) {
    if (name === '' || name.includes('=') || name.includes('\0') || typeof value !== 'string' || value.includes('\0')) {
      throw badRequest(`"env" entry ${JSON.stringify(name)} must be a name without "=" with a string value`);
    }
  }
  return { ...baseEnv, ...declared };
}

function withPhase(err, phase, hook) {
  const info = err instanceof HarnessError
    ? { ...err.info }
    : { name: err?.name ?? 'Error', message: String(err?.message ?? err), stack: String(err?.stack ?? '') };
  info.phase = phase;
  if (hook) info.hook = hook;
  return new HarnessError(info);
}

// ----------------------------------------------------------------------------------------- control socket

let socket = null;
let connected = false;
let exitCodeChosen = null; // set once the harness has decided to exit
let fatalCode = null;
let droppedLogs = 0;

function writeLine(message) {
  if (!socket || socket.destroyed) return;
  socket.write(`${JSON.stringify(message)}\n`);
}

function sendEvent(event) {
  writeLine(event);
}

// Log events are the only traffic the harness may shed: when the orchestrator stops reading, they are counted
// and the count is reported once the socket drains, never dropped silently.
function sendLog(level, source, message, sequence) {
  if (!socket || socket.destroyed) return;
  if (socket.writableLength > LOG_BACKPRESSURE_BYTES) {
    droppedLogs += 1;
    return;
  }
  if (droppedLogs > 0) {
    const dropped = droppedLogs;
    droppedLogs = 0;
    writeLine({ event: 'log', level: 'warn', source: 'harness', sequence,
      message: `${dropped} log events were dropped because the control socket was not being read`, dropped });
  }
  const event = { event: 'log', level, source, message };
  if (sequence !== undefined && sequence !== null) event.sequence = sequence;
  writeLine(event);
}

// Harness messages go to the orchestrator only: stdout/stderr carry the plugin's own output (plus, on a fatal
// exit, one "[px-harness] ..." line on stderr).
function harnessLog(level, message) {
  sendLog(level, 'harness', message, sandbox.active?.sequence);
}

/** Flushes what is queued on the control socket, then exits with code. */
function exitNow(code) {
  if (exitCodeChosen !== null) return;
  exitCodeChosen = code;
  if (!socket || socket.destroyed) process.exit(code);
  socket.end(() => process.exit(code));
  setTimeout(() => process.exit(code), 1000).unref();
}

/** The plugin can no longer serve: tell the orchestrator why, let pending replies out, exit with code. */
function fatal(code, reason, sequence) {
  if (fatalCode !== null || exitCodeChosen !== null) return;
  fatalCode = code;
  const event = { event: 'fatal', code, reason };
  if (sequence !== undefined) event.sequence = sequence;
  sendEvent(event);
  process.stderr.write(`[px-harness] ${reason}; exiting with code ${code}\n`);
  setTimeout(() => exitNow(code), 20);
}

// ------------------------------------------------------------------------------------------------ lock

/** Invokes and getState share; load, reload and shutdown are exclusive. Waiting writers block new readers. */
class ReadWriteLock {
  #readers = 0;
  #writer = false;
  #queue = [];

  read(fn) {
    return this.#run(false, fn);
  }

  write(fn) {
    return this.#run(true, fn);
  }

  async #run(write, fn) {
    await new Promise((resolve) => {
      this.#queue.push({ write, resolve });
      this.#drain();
    });
    try {
      return await fn();
    } finally {
      if (write) this.#writer = false;
      else this.#readers -= 1;
      this.#drain();
    }
  }

  #drain() {
    while (this.#queue.length > 0 && !this.#writer) {
      const head = this.#queue[0];
      if (head.write) {
        if (this.#readers > 0) return;
        this.#writer = true;
      } else {
        this.#readers += 1;
      }
      this.#queue.shift();
      head.resolve();
    }
  }
}

// ------------------------------------------------------------------------------------------ worker pool

let standby = null;

function createWorker() {
  const options = { workerData: { sessionId: config.sessionId }, stdout: false, stderr: false };
  if (config.maxOldSpaceMb > 0) options.resourceLimits = { maxOldGenerationSizeMb: config.maxOldSpaceMb };
  const worker = new Worker(WORKER_URL, options);
  worker.once('exit', () => {
    if (standby === worker) standby = null;
  });
  worker.on('error', () => {}); // a standby that dies is simply replaced; bound Workers report through PluginVersion
  return worker;
}

/** The booted standby if there is one (it may still be booting: messages queue until it listens), else new. */
function takeWorker() {
  const worker = standby;
  standby = null;
  return worker ?? createWorker();
}

/** Boots the next standby once the current request has been answered. */
function refillStandby() {
  if (!config.standby) return;
  setTimeout(() => {
    if (standby === null && exitCodeChosen === null && fatalCode === null) standby = createWorker();
  }, 0);
}

// ------------------------------------------------------------------------------------------ plugin version

/** One loaded plugin version = one Worker. */
class PluginVersion {
  constructor({ dir, entry, entryFile, sequence, env }) {
    this.dir = dir;
    this.env = env;
    this.entry = entry;
    this.entryFile = entryFile;
    this.sequence = sequence;
    this.hooks = new Set();
    this.handlers = [];
    this.lastState = null;
    this.dead = false;
    this.retired = false;
    this.exitCodeValue = null;
    this.crashError = null;
    this.onUnexpectedExit = null;
    this.pending = new Map();
    this.nextId = 1;

    this.worker = takeWorker();
    this.worker.on('message', (message) => this.#onMessage(message));
    this.worker.on('error', (err) => {
      this.crashError = err;
    });
    this.worker.on('exit', (code) => this.#onExit(code));
  }

  #onMessage(message) {
    if (message?.type === 'log') {
      sendLog(message.level, 'console', message.message, this.sequence);
      if (config.echoLogs) {
        const stream = message.level === 'warn' || message.level === 'error' ? process.stderr : process.stdout;
        stream.write(`${message.message}\n`);
      }
      return;
    }
    if (message?.type !== 'reply') return;
    const pending = this.pending.get(message.id);
    if (!pending) return; // timed out already
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new HarnessError(message.error));
  }

  #onExit(code) {
    this.dead = true;
    this.exitCodeValue = code;
    const crash = this.crashError;
    const outOfMemory = crash?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    const info = crash
      ? { name: crash.name, message: `plugin crashed: ${crash.message}`, stack: String(crash.stack ?? ''),
        code: outOfMemory ? 'OUT_OF_MEMORY' : 'PLUGIN_CRASHED' }
      : { message: `plugin exited with code ${code}`, stack: '', code: 'PLUGIN_EXITED', exitCode: code };
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(new HarnessError(info));
    }
    this.pending.clear();
    if (!this.retired && this.onUnexpectedExit) {
      this.onUnexpectedExit(outOfMemory ? EXIT_OUT_OF_MEMORY : code, info);
    }
  }

  /** Sends one op to the Worker; rejects with a HarnessError on failure, timeout or Worker exit. */
  call(op, fields, timeoutMs, what) {
    if (this.dead) {
      return Promise.reject(new HarnessError({ message: `plugin (sequence ${this.sequence}) is not running`,
        code: 'PLUGIN_EXITED' }));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new HarnessError({ message: `${what} did not finish within ${timeoutMs} ms`, stack: '',
          timeout: true, code: 'TIMEOUT' }));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, op, ...fields });
    });
  }

  /** True when the Worker's event loop answers within PROBE_MS (a pending promise does not block it). */
  async responsive() {
    if (this.dead) return false;
    try {
      await this.call('probe', {}, PROBE_MS, 'probe');
      return true;
    } catch {
      return false;
    }
  }

  retire() {
    if (this.retired) return;
    this.retired = true;
    if (!this.dead) this.worker.terminate().catch(() => {});
  }
}

// --------------------------------------------------------------------------------------------- sandbox

function elapsed(since) {
  return performance.now() - since;
}

function roundPhases(phases, keys) {
  const out = {};
  for (const key of keys ?? Object.keys(phases)) out[key] = Math.round(phases[key] ?? 0);
  return out;
}

// V8 reports an ESM syntax error without the file or line (the stack only shows node internals), so on such a
// failure the bundle's script files are checked with `node --check`, which prints "file:line", the line and a
// caret. The first failing file's location is added to the error. Costs ~40 ms per file, on failures only.
function listScripts(dir, entryFile) {
  const found = [];
  const walk = (folder) => {
    let entries;
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (found.length >= SYNTAX_CHECK_MAX_FILES) return;
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(mjs|cjs|js)$/.test(entry.name) && file !== entryFile) found.push(file);
    }
  };
  walk(dir);
  return [entryFile, ...found];
}

function checkSyntax(file, timeout) {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--check', file], { timeout, encoding: 'utf8' }, (err, _stdout, stderr) => {
      resolve(err && err.code === 1 ? stderr : null);
    });
  });
}

async function locateSyntaxError(info, dir, entryFile) {
  if (info.name !== 'SyntaxError' || info.stack.includes(dir)) return;
  const deadline = performance.now() + SYNTAX_CHECK_BUDGET_MS;
  for (const file of listScripts(dir, entryFile)) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) return;
    const report = await checkSyntax(file, Math.ceil(remaining));
    const match = report && /^(.+?):(\d+)\n/.exec(report);
    if (!match) continue;
    const where = `${path.relative(dir, match[1])}:${match[2]}`;
    const excerpt = report.slice(0, report.indexOf('SyntaxError')).trimEnd();
    info.location = where;
    info.message = `${info.message} (${where})`;
    info.stack = `${excerpt}\n\n${info.stack}`;
    return;
  }
}

const LOAD_PHASES = ['loadMs', 'initMs', 'restoreStateMs'];
const RELOAD_PHASES = ['saveStateMs', 'teardownMs', 'loadMs', 'initMs', 'restoreStateMs', 'onReloadMs'];

class Sandbox {
  constructor() {
    this.active = null;
    this.reloading = false;
    this.closing = false;
    this.lock = new ReadWriteLock();
  }

  // Resolves the entry file inside the bundle directory (phase load on failure).
  resolveEntry(dir, entry) {
    if (typeof dir !== 'string' || !path.isAbsolute(dir)) throw badRequest('"dir" must be an absolute path');
    if (entry !== undefined && entry !== null && typeof entry !== 'string') {
      throw badRequest('"entry" must be a string');
    }
    let stat;
    try {
      stat = fs.statSync(dir);
    } catch {
      throw new HarnessError({ message: `bundle directory ${dir} does not exist`, phase: 'load' });
    }
    if (!stat.isDirectory()) throw new HarnessError({ message: `${dir} is not a directory`, phase: 'load' });
    const candidates = entry ? [entry] : DEFAULT_ENTRIES;
    for (const candidate of candidates) {
      const file = path.resolve(dir, candidate);
      if (!file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep)) {
        throw badRequest(`entry "${candidate}" is outside the bundle directory`);
      }
      if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return { entry: candidate, entryFile: file };
    }
    throw new HarnessError({ message: `entry ${candidates.join(' or ')} not found in ${dir}`, phase: 'load' });
  }

  // Runs fn, adds its wall time to phases[phase + "Ms"], tags failures with the phase and hook.
  async timed(phases, phase, hook, fn) {
    const t = performance.now();
    try {
      return await fn();
    } catch (err) {
      throw withPhase(err, phase, hook);
    } finally {
      phases[`${phase}Ms`] = (phases[`${phase}Ms`] ?? 0) + elapsed(t);
    }
  }

  hook(version, name, fields = {}) {
    return version.call('hook', { name, ...fields }, config.hookTimeoutMs, `${name}()`);
  }

  // New Worker + import (phase load) + construct (phase init). The Worker is retired on failure.
  async startVersion(dir, entry, entryFile, sequence, phases, env) {
    let version = null;
    try {
      await this.timed(phases, 'load', null, async () => {
        version = new PluginVersion({ dir, entry, entryFile, sequence, env });
        await version.call('import', { entryFile, sequence, env }, config.hookTimeoutMs, `loading ${entry}`);
      });
      const shape = await this.timed(phases, 'init', 'construct',
        () => version.call('construct', {}, config.hookTimeoutMs, 'construct'));
      version.hooks = new Set(shape.hooks);
      version.handlers = shape.handlers;
      version.onUnexpectedExit = (code, info) => this.onVersionExit(version, code, info);
      return version;
    } catch (err) {
      version?.retire();
      if (err instanceof HarnessError && err.info.phase === 'load') await locateSyntaxError(err.info, dir, entryFile);
      throw err;
    }
  }

  // The order of a (re)start with state: setReloadState(state) if a state exists, then setup(ctx).
  async initialise(version, state, reason, phases) {
    if (state !== null && state !== undefined && version.hooks.has('setReloadState')) {
      await this.timed(phases, 'restoreState', 'setReloadState', () => this.hook(version, 'setReloadState', { state }));
    }
    if (version.hooks.has('setup')) {
      await this.timed(phases, 'init', 'setup', () => this.hook(version, 'setup', { ctx: { reason } }));
    }
  }

  onVersionExit(version, code, info) {
    if (version !== this.active || this.reloading || this.closing) return;
    this.active = null;
    const reason = info.code === 'PLUGIN_EXITED'
      ? `plugin (sequence ${version.sequence}) exited with code ${code}`
      : `${info.message} (sequence ${version.sequence})`;
    fatal(code, reason, version.sequence);
  }

  async load(req) {
    if (!Number.isInteger(req.sequence)) throw badRequest('"sequence" must be an integer');
    return this.lock.write(async () => {
      if (this.active) {
        throw badRequest(`sequence ${this.active.sequence} is already loaded; use reload`);
      }
      const { entry, entryFile } = this.resolveEntry(req.dir, req.entry);
      const env = versionEnv(req.env);
      const state = req.state ?? null;
      const t0 = performance.now();
      const phases = {};
      const version = await this.startVersion(req.dir, entry, entryFile, req.sequence, phases, env);
      try {
        await this.initialise(version, state, state === null ? 'load' : 'restore', phases);
      } catch (err) {
        version.retire();
        throw err;
      }
      version.lastState = state;
      this.active = version;
      refillStandby();
      // The version directory is a server path: developers see this line on their stream, so it is not named.
      harnessLog('info', `loaded sequence ${req.sequence}`);
      return { result: 'loaded', sequence: req.sequence, phases: roundPhases(phases, LOAD_PHASES),
        durationMs: Math.round(elapsed(t0)), handlers: version.handlers };
    });
  }

  async reload(req) {
    if (!Number.isInteger(req.sequence)) throw badRequest('"sequence" must be an integer');
    return this.lock.write(async () => {
      const old = this.active;
      if (!old) {
        throw new HarnessError({ message: 'no plugin version is loaded; send load first', phase: 'protocol',
          code: 'NOT_LOADED' });
      }
      const { entry, entryFile } = this.resolveEntry(req.dir, req.entry);
      const env = versionEnv(req.env);
      this.reloading = true;
      try {
        return await this.swap(old, req.dir, entry, entryFile, req.sequence, env);
      } finally {
        this.reloading = false;
      }
    });
  }

  // getReloadState (old) -> teardown (old) -> load new -> construct -> setReloadState(state) -> onReload.
  async swap(old, dir, entry, entryFile, sequence, env) {
    const t0 = performance.now();
    const phases = {};
    let state = old.lastState;
    let tornDown = false;
    let next = null;
    try {
      if (old.hooks.has('getReloadState')) {
        const saved = await this.timed(phases, 'saveState', 'getReloadState', () => this.hook(old, 'getReloadState'));
        state = saved.value;
        old.lastState = state;
      } else {
        state = null;
      }
      tornDown = true;
      if (old.hooks.has('teardown')) {
        await this.timed(phases, 'teardown', 'teardown',
          () => this.hook(old, 'teardown', { ctx: { reason: 'reload', nextSequence: sequence } }));
      }
      next = await this.startVersion(dir, entry, entryFile, sequence, phases, env);
      if (state !== null && next.hooks.has('setReloadState')) {
        await this.timed(phases, 'restoreState', 'setReloadState', () => this.hook(next, 'setReloadState', { state }));
      }
      // onReload(ctx) initialises the new version; a version without onReload gets its setup(ctx) instead.
      const initHook = next.hooks.has('onReload') ? 'onReload' : next.hooks.has('setup') ? 'setup' : null;
      if (initHook) {
        await this.timed(phases, 'onReload', initHook, () => this.hook(next, initHook,
          { ctx: { reason: 'reload', previousSequence: old.sequence } }));
      }
    } catch (err) {
      next?.retire();
      return this.rollBack({ old, state, tornDown, err, phases, t0, sequence });
    }
    next.lastState = state;
    this.active = next;
    old.retire();
    refillStandby();
    harnessLog('info', `reloaded sequence ${old.sequence} -> ${sequence}`);
    return { result: 'reloaded', sequence, previousSequence: old.sequence,
      phases: roundPhases(phases, RELOAD_PHASES), durationMs: Math.round(elapsed(t0)), handlers: next.handlers };
  }

  // Puts the previous version back. Its Worker is still alive unless it died or stopped answering; if it is
  // responsive and was torn down it gets setReloadState(savedState) + setup(ctx) again; if it is gone, a fresh
  // Worker is started on its bundle directory with the same state. Only if both fail is the sandbox left empty.
  async rollBack({ old, state, tornDown, err, phases, t0, sequence }) {
    const tr = performance.now();
    const error = err instanceof HarnessError ? err.info : withPhase(err, 'load').info;
    let restored = null;
    let restarted = false;
    let rollbackError = null;
    if (await old.responsive()) {
      try {
        if (tornDown) await this.initialise(old, state, 'rollback', {});
        restored = old;
      } catch (e) {
        rollbackError = withPhase(e, 'rollback').info;
      }
    }
    if (!restored) {
      old.retire();
      try {
        const scratch = {};
        const fresh = await this.startVersion(old.dir, old.entry, old.entryFile, old.sequence, scratch, old.env);
        try {
          await this.initialise(fresh, state, 'rollback', scratch);
        } catch (e) {
          fresh.retire();
          throw e;
        }
        restored = fresh;
        restarted = true;
      } catch (e) {
        rollbackError = withPhase(e, 'rollback').info;
      }
    }
    refillStandby();
    const common = { sequence, error, phases: roundPhases(phases), rollbackMs: Math.round(elapsed(tr)),
      durationMs: Math.round(elapsed(t0)) };
    if (!restored) {
      this.active = null;
      harnessLog('error', `reload to ${sequence} failed in ${error.phase} and sequence ${old.sequence} could not be put back: ${rollbackError?.message}`);
      return { result: 'rollback-failed', ...common, rollbackError };
    }
    restored.lastState = state;
    this.active = restored;
    harnessLog('warn', `reload to ${sequence} failed in ${error.phase}: ${error.message}; sequence ${old.sequence} serves again`);
    return { result: 'rolled-back', ...common, activeSequence: restored.sequence, restarted,
      handlers: restored.handlers };
  }

  async invoke(req) {
    if (typeof req.handler !== 'string' || req.handler === '') throw badRequest('"handler" must be a non-empty string');
    if (req.timeoutMs !== undefined && !(Number.isInteger(req.timeoutMs) && req.timeoutMs > 0)) {
      throw badRequest('"timeoutMs" must be a positive integer');
    }
    const payload = req.payload === undefined ? {} : req.payload;
    const timeoutMs = req.timeoutMs ?? config.invokeTimeoutMs;
    return this.lock.read(async () => {
      const version = this.active;
      if (!version) {
        throw new HarnessError({ message: 'no plugin version is loaded', phase: 'invoke', code: 'NOT_LOADED' });
      }
      if (!version.handlers.includes(req.handler)) {
        const known = version.handlers.length ? version.handlers.join(', ') : 'none';
        throw new HarnessError({ message: `unknown handler "${req.handler}" (sequence ${version.sequence} has: ${known})`,
          phase: 'invoke', code: 'UNKNOWN_HANDLER' });
      }
      const t = performance.now();
      try {
        const reply = await version.call('invoke', { handler: req.handler, payload }, timeoutMs,
          `handler "${req.handler}"`);
        return { result: reply.value, durationMs: Math.round(elapsed(t)), sequence: version.sequence };
      } catch (err) {
        const failure = withPhase(err, 'invoke');
        if (!failure.info.code) failure.info.code = 'HANDLER_ERROR';
        failure.info.sequence = version.sequence;
        failure.info.durationMs = Math.round(elapsed(t));
        if (failure.info.timeout) this.checkWedged(version, `handler "${req.handler}"`);
        throw failure;
      }
    });
  }

  // A timed-out call whose Worker no longer answers means the plugin thread is blocked (e.g. a synchronous
  // endless loop): nothing can be served any more, so the harness exits and the orchestrator restarts it.
  checkWedged(version, what) {
    version.responsive().then((alive) => {
      if (alive || version !== this.active || this.reloading || this.closing) return;
      fatal(EXIT_WEDGED, `${what} blocked the plugin thread past its timeout (sequence ${version.sequence})`,
        version.sequence);
    });
  }

  async getState() {
    return this.lock.read(async () => {
      const version = this.active;
      if (!version) {
        throw new HarnessError({ message: 'no plugin version is loaded', phase: 'saveState', code: 'NOT_LOADED' });
      }
      if (!version.hooks.has('getReloadState')) return { state: null, sequence: version.sequence };
      try {
        const saved = await this.hook(version, 'getReloadState');
        version.lastState = saved.value;
        return { state: saved.value, sequence: version.sequence };
      } catch (err) {
        const failure = withPhase(err, 'saveState', 'getReloadState');
        if (failure.info.timeout) this.checkWedged(version, 'getReloadState()');
        throw failure;
      }
    });
  }

  ping() {
    return { sequence: this.active?.sequence ?? null, rssBytes: process.memoryUsage.rss(),
      uptimeMs: Math.round(elapsed(startedAt)) };
  }

  async shutdown() {
    return this.lock.write(async () => {
      this.closing = true;
      const version = this.active;
      const result = { sequence: version?.sequence ?? null, teardownMs: 0 };
      if (version && version.hooks.has('teardown')) {
        const t = performance.now();
        try {
          await this.hook(version, 'teardown', { ctx: { reason: 'shutdown' } });
        } catch (err) {
          result.teardownError = withPhase(err, 'teardown', 'teardown').info;
        }
        result.teardownMs = Math.round(elapsed(t));
      }
      version?.retire();
      this.active = null;
      return result;
    });
  }
}

const sandbox = new Sandbox();

// ------------------------------------------------------------------------------------------- dispatcher

const operations = {
  load: (req) => sandbox.load(req),
  reload: (req) => sandbox.reload(req),
  invoke: (req) => sandbox.invoke(req),
  getState: () => sandbox.getState(),
  ping: () => sandbox.ping(),
  shutdown: () => sandbox.shutdown(),
  writeFiles: (req) => writeFiles(req),
};

/**
 * A pod's versions arrive over the connection, the first one included (the orchestrator holds the files; the pod has
 * no credential to fetch them and may reach nothing): base64 files written under PX_SANDBOX_BUNDLE_ROOT only, paths
 * relative and without "..". `append: true` adds to the file instead of replacing it, so a file larger than one
 * request line arrives in pieces.
 */
function writeFiles(req) {
  const fail = (message) => { throw new HarnessError({ message, stack: '', phase: 'protocol', code: 'BAD_REQUEST' }); };
  if (!config.bundleRoot) fail('writeFiles needs PX_SANDBOX_BUNDLE_ROOT');
  const root = path.resolve(config.bundleRoot);
  const dir = path.resolve(root, String(req.dir ?? ''));
  if (!dir.startsWith(root + path.sep)) fail(`dir ${JSON.stringify(req.dir)} is outside the bundle root`);
  const files = Array.isArray(req.files) ? req.files : fail('files must be an array');
  for (const file of files) {
    const target = path.resolve(dir, String(file?.path ?? ''));
    if (typeof file?.path !== 'string' || path.isAbsolute(file.path) || !target.startsWith(dir + path.sep)) {
      fail(`invalid file path ${JSON.stringify(file?.path)}`);
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const data = Buffer.from(String(file.data ?? ''), 'base64');
    if (file.append === true) fs.appendFileSync(target, data);
    else fs.writeFileSync(target, data);
  }
  return { dir, written: files.length };
}

function wireError(err) {
  if (err instanceof HarnessError) return err.info;
  return { name: err?.name ?? 'Error', message: String(err?.message ?? err), stack: String(err?.stack ?? ''),
    phase: 'harness' };
}

async function handleLine(line) {
  let req;
  try {
    req = JSON.parse(line);
  } catch (err) {
    writeLine({ id: null, ok: false, error: { message: `invalid JSON: ${err.message}`, stack: '', phase: 'protocol',
      code: 'BAD_REQUEST' } });
    return;
  }
  const id = Number.isInteger(req?.id) ? req.id : null;
  if (id === null) {
    writeLine({ id: null, ok: false, error: { message: 'every request needs an integer "id"', stack: '',
      phase: 'protocol', code: 'BAD_REQUEST' } });
    return;
  }
  const operation = Object.hasOwn(operations, req.op) ? operations[req.op] : null;
  if (!operation) {
    writeLine({ id, ok: false, error: { message: `unknown op ${JSON.stringify(req.op)}`, stack: '',
      phase: 'protocol', code: 'BAD_REQUEST' } });
    return;
  }
  if (sandbox.closing && req.op !== 'ping') {
    writeLine({ id, ok: false, error: { message: 'the sandbox is shutting down', stack: '', phase: 'protocol',
      code: 'SHUTTING_DOWN' } });
    return;
  }
  try {
    const result = await operation(req);
    writeLine({ id, ok: true, result });
  } catch (err) {
    writeLine({ id, ok: false, error: wireError(err) });
  }
  if (req.op === 'shutdown') exitNow(0);
}

/** Reads requests from the orchestrator's connection and greets it. */
function attach(conn) {
  let buffer = '';
  socket = conn;
  connected = true;
  socket.setEncoding('utf8');
  refillStandby();
  sendEvent({ event: 'hello', runtime: 'node', version: process.versions.node, pid: process.pid,
    sessionId: config.sessionId, protocol: PROTOCOL_VERSION });
  socket.on('data', (chunk) => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.trim() !== '') handleLine(line);
    }
    if (buffer.length > MAX_LINE_BYTES) {
      buffer = '';
      writeLine({ id: null, ok: false, error: { message: 'request line exceeds 64 MiB', stack: '', phase: 'protocol',
        code: 'BAD_REQUEST' } });
    }
  });
}

function connect() {
  if (config.listen) {
    listen();
    return;
  }
  if (!config.controlPath) {
    process.stderr.write('[px-harness] PX_SANDBOX_CONTROL is not set\n');
    process.exit(2);
  }
  const conn = net.createConnection(config.controlPath);
  conn.on('connect', () => attach(conn));
  conn.on('error', (err) => {
    if (!connected) process.stderr.write(`[px-harness] cannot connect to ${config.controlPath}: ${err.message}\n`);
  });
  // No orchestrator, no sandbox: exit at once so nothing is orphaned.
  conn.on('close', () => process.exit(exitCodeChosen ?? fatalCode ?? (connected ? 0 : 2)));
  if (typeof process.send === 'function') process.on('disconnect', () => process.exit(0));
}

// In a pod the orchestrator dials in (PX_SANDBOX_LISTEN). One connection at a time: a second one is closed at once,
// so two orchestrators never drive one plugin. When the connection closes the plugin keeps running for
// PX_SANDBOX_RECONNECT_MS, so that the replica adopting the session can take it over with its live state; nobody
// within that time → exit, as with a closed Unix socket.
function listen() {
  const at = config.listen.lastIndexOf(':');
  const host = at >= 0 ? config.listen.slice(0, at) : undefined;
  const port = Number.parseInt(at >= 0 ? config.listen.slice(at + 1) : config.listen, 10);
  let idle = null;
  const awaitOrchestrator = () => {
    idle = setTimeout(() => process.exit(exitCodeChosen ?? fatalCode ?? 0), config.reconnectMs);
  };
  const server = net.createServer((conn) => {
    if (socket && !socket.destroyed) {
      conn.destroy();
      return;
    }
    clearTimeout(idle);
    attach(conn);
    conn.on('error', () => {});
    conn.on('close', () => {
      if (exitCodeChosen !== null || fatalCode !== null) process.exit(exitCodeChosen ?? fatalCode);
      awaitOrchestrator();
    });
  });
  server.on('error', (err) => {
    process.stderr.write(`[px-harness] cannot listen on ${config.listen}: ${err.message}\n`);
    process.exit(2);
  });
  server.listen(port, host);
  awaitOrchestrator();
}

connect();
