// Wires the console together: access (local mode, or a token), the session table and metrics, alerts, the live
// lifecycle stream, the log panel with its own per-session stream, and the actions.

import { admin, ApiError, currentToken, download, send, setToken, STREAM_PATH } from './api.js';
import { LiveStream } from './stream.js';
import { SessionTable } from './sessions.js';
import { LogPanel } from './logpanel.js';
import { confirmAction } from './dialog.js';

const $ = (id) => document.getElementById(id);
const LIFECYCLE_TYPES = 'dev.session.registered,dev.session.reload,dev.session.updated,dev.session.terminated,'
  + 'dev.session.expired,dev.session.sandbox,dev.session.rolled-back,plugin.debug.alert';
const REFRESH_MS = 15_000;

const query = { page: 1, size: 20, q: '', status: 'all' };
let total = 0;
let lifecycle = null;
let logStream = null;
let logSession = null;
let refreshTimer = null;
let refreshSoon = null;
const streamState = new Map();

const table = new SessionTable($('sessions'), { onLogs: openLogs, onTerminate: terminate, onReload: reload });
const panel = new LogPanel($('l-viewport'), $('l-status'));

// ---- access -----------------------------------------------------------------------------------------------------

$('token-input').value = currentToken() || '';
$('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  setToken($('token-input').value);
  restart();
});
$('token-clear').addEventListener('click', () => {
  $('token-input').value = '';
  setToken(null);
  restart();
});

function showAccess(error) {
  const denied = error instanceof ApiError && (error.status === 401 || error.status === 403);
  $('no-access').hidden = !denied;
  $('main').hidden = denied;
  if (denied) {
    $('no-access-text').textContent = error.status === 401
      ? 'Credentials are required: this address is not local, or the token is not valid. Enter a token above.'
      : 'Your credentials do not carry the permission admin.devHotload.manage (the admin API answered 403).';
    stopStreams();
    setConn('no access');
  }
  return denied;
}

// ---- sessions, metrics, alerts ----------------------------------------------------------------------------------

async function refresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, REFRESH_MS);
  const status = query.status === 'all' ? 'all' : query.status;
  let page;
  try {
    page = await admin.sessions({ page: query.page, size: query.size, q: query.q, status });
  } catch (error) {
    if (!showAccess(error)) {
      $('main').hidden = false; // a peer down is not an access problem: keep what the page shows, say what failed
      setConn(`sessions: ${error.message}`);
    }
    return false;
  }
  showAccess(null);
  total = page.total;
  table.show(page.items);
  showMetrics(page.metrics || {});
  const pages = Math.max(1, Math.ceil(total / query.size));
  $('page-info').textContent = `Page ${query.page} of ${pages} · ${total} sessions`;
  $('prev').disabled = query.page <= 1;
  $('next').disabled = query.page >= pages;
  try {
    table.alerts.load((await admin.alerts()).items);
    table.render();
    $('m-alerts').textContent = table.alerts.size;
  } catch { /* alerts are an extra: the table stands without them */ }
  return true;
}

/** Coalesces the refetches that a burst of lifecycle events asks for. */
function refreshLater() {
  clearTimeout(refreshSoon);
  refreshSoon = setTimeout(refresh, 800);
}

function showMetrics(m) {
  $('m-active').textContent = m.active ?? '–';
  $('m-reloads').textContent = m.reloadsLastHour ?? '–';
  $('m-failed').textContent = m.failedReloadsLastHour ?? '–';
  $('m-p95').textContent = m.p95ReloadMsLastHour == null ? '–' : `${Math.round(m.p95ReloadMsLastHour)} ms`;
}

$('f-q').addEventListener('input', debounce(() => { query.q = $('f-q').value.trim(); query.page = 1; refresh(); }, 300));
$('f-status').addEventListener('change', () => { query.status = $('f-status').value; query.page = 1; refresh(); });
$('f-size').addEventListener('change', () => { query.size = Number($('f-size').value); query.page = 1; refresh(); });
$('prev').addEventListener('click', () => { query.page = Math.max(1, query.page - 1); refresh(); });
$('next').addEventListener('click', () => { query.page += 1; refresh(); });
$('refresh').addEventListener('click', refresh);

// ---- live streams and the disconnected banner -------------------------------------------------------------------

function onLifecycle(type, event) {
  if (type.startsWith('plugin.debug.alert')) {
    if (table.alerts.apply(type, event.payload)) {
      table.render();
      $('m-alerts').textContent = table.alerts.size;
    }
    return;
  }
  if (type === 'gap') return refreshLater();
  table.apply(type, event);
  refreshLater(); // the authoritative row and the metrics come from the admin API
  setTimeout(refreshLater, 5000); // and once more when session-service has surely applied the event too
}

function trackState(name) {
  return (state) => {
    streamState.set(name, state);
    const down = [...streamState.values()].some((s) => s === 'reconnecting');
    $('banner').hidden = !down;
    setConn(down ? 'disconnected' : 'live', !down);
    if (name === 'lifecycle' && state === 'open') refreshLater(); // catch up on what a fetch may have missed
  };
}

function setConn(text, live = false) {
  $('conn').textContent = text;
  $('conn').classList.toggle('live', live);
}

function startLifecycle() {
  lifecycle = new LiveStream({ path: STREAM_PATH, query: { types: LIFECYCLE_TYPES }, onEvent: onLifecycle,
    onState: trackState('lifecycle') }).start();
}

function stopStreams() {
  lifecycle?.stop();
  logStream?.stop();
  lifecycle = logStream = null;
  streamState.clear();
  $('banner').hidden = true;
}

// ---- the log panel ----------------------------------------------------------------------------------------------

function openLogs(session) {
  logStream?.stop();
  streamState.delete('logs');
  logSession = session;
  table.select(session.sessionId);
  panel.clear();
  $('logs').hidden = false;
  $('logs-title').textContent = `Logs · ${session.pluginId} · ${session.sessionId.slice(0, 8)}`;
  $('l-links').replaceChildren();
  // From '0': the session's retained history first, then live, in one ordered stream.
  logStream = new LiveStream({ path: STREAM_PATH, query: { sessionId: session.sessionId, types: 'dev.session.log' }, from: '0',
    onEvent: (type, event) => {
      if (type === 'gap') {
        panel.add({ marker: true, message: event.reason === 'slow-consumer'
          ? '— the panel fell behind; resuming from the last line —'
          : `— older lines are no longer retained (resumed at ${event.oldestAvailableId}) —` });
      } else {
        panel.add(event.payload || {});
      }
    },
    onState: trackState('logs') }).start();
  $('l-viewport').focus();
}

$('l-close').addEventListener('click', () => {
  logStream?.stop();
  logStream = null;
  streamState.delete('logs');
  $('logs').hidden = true;
  table.select(null);
  if (logSession) table.button(logSession.sessionId, 'logs')?.focus();
});
$('l-level').addEventListener('change', () => panel.setFilter({ level: $('l-level').value }));
$('l-text').addEventListener('input', debounce(() => panel.setFilter({ text: $('l-text').value }), 150));
$('l-pause').addEventListener('click', () => {
  const paused = !panel.paused;
  panel.setPaused(paused);
  $('l-pause').textContent = paused ? 'Resume' : 'Pause';
  $('l-pause').setAttribute('aria-pressed', String(paused));
});
$('l-export').addEventListener('click', async () => {
  const s = logSession;
  const to = new Date();
  const from = new Date(Math.max(Date.parse(s.createdAt) || 0, to.getTime() - 24 * 3600_000 + 60_000));
  const level = $('l-level').value === 'debug' ? undefined : $('l-level').value;
  try {
    const response = await send('diagnostics', '/internal/debug/logs/export', { method: 'POST', accept: 'application/gzip',
      body: { sessionId: s.sessionId, window: { from: from.toISOString(), to: to.toISOString() }, level } });
    await download(response, `logs-${s.pluginId}-${s.sessionId.slice(0, 8)}.ndjson.gz`);
    showLinks(`Exported ${response.headers.get('X-Log-Lines') ?? ''} lines (masked, NDJSON gzip).`);
  } catch (error) {
    showLinks(`Export failed: ${error.message}`);
  }
});
$('l-reports').addEventListener('click', async () => {
  try {
    const reports = (await admin.reports(logSession.sessionId)).items || [];
    showLinks(reports.length ? 'Reports:' : 'No reports for this session.', reports.map((r) => ({
      text: `${r.title || r.reportId} · ${r.status} · ${r.severity || ''}`,
      open: () => send('diagnostics', `/internal/debug/report/${r.reportId}`, { accept: 'text/markdown' })
        .then((res) => download(res, `report-${r.reportId}.md`, true)),
    })));
  } catch (error) {
    showLinks(`Reports: ${error.message}`);
  }
});
$('l-tickets').addEventListener('click', async () => {
  try {
    const tickets = (await admin.tickets(logSession.pluginId)).items || [];
    showLinks(tickets.length ? `Tickets of ${logSession.pluginId}:` : `No tickets for ${logSession.pluginId}.`,
      tickets.map((t) => ({ text: `${t.key || t.ticketId} · ${t.state} · ${t.occurrences ?? 1} occurrence(s)`, href: t.url })));
  } catch (error) {
    showLinks(`Tickets: ${error.message}`);
  }
});

function showLinks(title, items = []) {
  const box = $('l-links');
  const heading = document.createElement('span');
  heading.textContent = title;
  const list = document.createElement('ul');
  for (const item of items) {
    const li = document.createElement('li');
    if (item.href && /^https?:\/\//.test(item.href)) {
      const a = document.createElement('a');
      a.href = item.href; a.target = '_blank'; a.rel = 'noopener noreferrer'; a.textContent = item.text;
      li.append(a);
    } else if (item.open) {
      const b = document.createElement('button');
      b.type = 'button'; b.textContent = item.text;
      b.addEventListener('click', () => item.open().catch((e) => showLinks(`Report: ${e.message}`)));
      li.append(b);
    } else {
      li.textContent = item.text;
    }
    list.append(li);
  }
  box.replaceChildren(heading, list);
}

// ---- actions ----------------------------------------------------------------------------------------------------

function terminate(session) {
  confirmAction({
    heading: 'Terminate session',
    message: `Terminate ${session.pluginId} (${session.sessionId})? Its sandbox stops and its reload token stops working.`,
    confirmLabel: 'Terminate',
    opener: () => table.button(session.sessionId, 'terminate') || table.button(session.sessionId, 'logs'),
    action: async (reason) => {
      const r = await admin.terminate(session.sessionId, reason);
      table.apply('dev.session.terminated', { sessionId: session.sessionId });
      return `Session ${r.status}. Audit id: ${r.auditId}`;
    },
  });
}

function reload(session) {
  confirmAction({
    heading: 'Reload session',
    message: `Re-apply the current bundle of ${session.pluginId} (${session.sessionId})?`,
    confirmLabel: 'Reload',
    opener: () => table.button(session.sessionId, 'reload'),
    action: async (reason) => {
      const r = await admin.reload(session.sessionId, reason);
      return `Reload #${r.sequence} requested. Audit id: ${r.auditId}`;
    },
  });
}

// ---- start ------------------------------------------------------------------------------------------------------

async function restart() {
  stopStreams();
  $('logs').hidden = true;
  if (await refresh()) startLifecycle();
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// For tests and the curious: the lines the log panel holds after its filter.
window.pxConsole = { logMessages: () => panel.visibleMessages(), logFilter: () => panel.text };
restart();
