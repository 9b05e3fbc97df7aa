// One plugin version, running inside its own worker_threads Worker (started by harness.mjs).
// The harness boots the Worker ahead of time (a standby) and binds it to a version with the `import` op.
//
// A fresh Worker gets a fresh module loader, so the whole module graph of the bundle (entry and every nested
// import, ESM or CommonJS) is evaluated anew, and it is freed when the Worker is terminated. The main thread
// talks to this file with small messages: {id, op, ...} -> {type: "reply", id, ok, result | error}; log lines
// travel as {type: "log", level, message}.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const { sessionId } = workerData;
let sequence = null;
const HOOKS = ['setup', 'teardown', 'getReloadState', 'setReloadState', 'onReload'];

let moduleNamespace = null;
let plugin = null; // {hooks: Map<name, {fn, owner}>, handlers: Map<name, {fn, owner}>}

function emitLog(level, args) {
  parentPort.postMessage({ type: 'log', level, message: format(...args) });
}

// console.* and ctx.log become structured log events on the control socket (the main thread decides whether
// they are echoed to stdout/stderr too). Raw process.stdout/stderr writes are left alone.
const log = Object.freeze({
  debug: (...args) => emitLog('debug', args),
  info: (...args) => emitLog('info', args),
  warn: (...args) => emitLog('warn', args),
  error: (...args) => emitLog('error', args),
});
console.debug = log.debug;
console.log = log.info;
console.info = log.info;
console.warn = log.warn;
console.error = log.error;
console.trace = (...args) => {
  const trace = new Error(format(...args));
  trace.name = 'Trace';
  emitLog('debug', [trace.stack]);
};

const OWN_FRAME = new RegExp(`\\(?${import.meta.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+\\)?$`);

// The stack shows the plugin's frames and node's, not this file's.
function pluginStack(stack) {
  return String(stack ?? '').split('\n').filter((line) => !OWN_FRAME.test(line)).join('\n');
}

function serializeError(err) {
  if (err !== null && typeof err === 'object' && 'message' in err) {
    const out = {
      name: String(err.name ?? 'Error'),
      message: String(err.message),
      stack: pluginStack(err.stack),
    };
    if (typeof err.code === 'string') out.code = err.code;
    return out;
  }
  let text;
  try {
    text = typeof err === 'string' ? err : JSON.stringify(err);
  } catch {
    text = String(err);
  }
  return { name: 'Error', message: `non-Error value thrown: ${text}`, stack: '' };
}

// State and results cross the protocol as JSON: normalise here so the main thread never sees a value that
// structured clone accepts but JSON does not (and vice versa), and so versions never share object graphs.
function toJson(value, what) {
  if (value === undefined) return null;
  let text;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    throw new TypeError(`${what} is not JSON-serializable: ${err.message}`);
  }
  return text === undefined ? null : JSON.parse(text);
}

function isObject(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

// Named exports win; a default export object (ESM `export default {...}` or CommonJS `module.exports = {...}`)
// fills in what the named exports do not provide.
function resolvePlugin(ns) {
  const sources = [ns];
  if (isObject(ns.default)) sources.push(ns.default);
  const hooks = new Map();
  let handlersOwner = null;
  for (const source of sources) {
    for (const name of HOOKS) {
      if (hooks.has(name) || !(name in source) || source[name] === undefined) continue;
      if (typeof source[name] !== 'function') {
        throw new TypeError(`export "${name}" must be a function, got ${typeof source[name]}`);
      }
      hooks.set(name, { fn: source[name], owner: source });
    }
    if (handlersOwner === null && source.handlers !== undefined) {
      if (!isObject(source.handlers)) {
        throw new TypeError(`export "handlers" must be an object of functions, got ${typeof source.handlers}`);
      }
      handlersOwner = source.handlers;
    }
  }
  const handlers = new Map();
  if (handlersOwner !== null) {
    for (const name of Object.keys(handlersOwner)) {
      const fn = handlersOwner[name];
      if (typeof fn !== 'function') {
        throw new TypeError(`handlers.${name} must be a function, got ${typeof fn}`);
      }
      handlers.set(name, { fn, owner: handlersOwner });
    }
  }
  return { hooks, handlers };
}

// A Worker's process.env is its own copy: this version sees exactly its environment (the harness's base plus its
// manifest's env), set before its code is imported; other versions' Workers are not affected.
function useEnvironment(env) {
  if (env === undefined || env === null) return;
  for (const name of Object.keys(process.env)) {
    if (!Object.hasOwn(env, name)) delete process.env[name];
  }
  Object.assign(process.env, env);
}

function makeCtx(extra) {
  return Object.freeze({ sessionId, sequence, log, ...extra });
}

const operations = {
  async import({ entryFile, sequence: versionSequence, env }) {
    if (moduleNamespace !== null || sequence !== null) throw new Error('this worker already holds a plugin version');
    sequence = versionSequence;
    useEnvironment(env);
    moduleNamespace = await import(pathToFileURL(entryFile).href);
    return {};
  },

  async construct() {
    plugin = resolvePlugin(moduleNamespace);
    return { hooks: [...plugin.hooks.keys()], handlers: [...plugin.handlers.keys()].sort() };
  },

  async hook({ name, state, ctx }) {
    const hook = plugin.hooks.get(name);
    if (!hook) return { called: false, value: null };
    let value;
    if (name === 'getReloadState') {
      value = toJson(await hook.fn.call(hook.owner), 'getReloadState() result');
    } else if (name === 'setReloadState') {
      await hook.fn.call(hook.owner, state);
      value = null;
    } else {
      await hook.fn.call(hook.owner, makeCtx(ctx ?? {}));
      value = null;
    }
    return { called: true, value };
  },

  async invoke({ handler, payload }) {
    const entry = plugin.handlers.get(handler);
    if (!entry) {
      const err = new Error(`unknown handler "${handler}"`);
      err.code = 'UNKNOWN_HANDLER';
      throw err;
    }
    const value = await entry.fn.call(entry.owner, payload, makeCtx({ handler }));
    return { value: toJson(value, `handler "${handler}" result`) };
  },

  async probe() {
    return {};
  },
};

// This listener also keeps the Worker alive while a top-level await of the bundle is pending forever, so a
// never-loading module shows up as a load timeout on the main thread rather than as a silent Worker exit.
parentPort.on('message', async (message) => {
  const { id, op } = message;
  try {
    const operation = operations[op];
    if (!operation) throw new Error(`unknown worker op "${op}"`);
    const result = await operation(message);
    parentPort.postMessage({ type: 'reply', id, ok: true, result });
  } catch (err) {
    parentPort.postMessage({ type: 'reply', id, ok: false, error: serializeError(err) });
  }
});
