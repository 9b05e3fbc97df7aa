// The session table: filter and pagination by the admin API (server side), sort within the page (client side:
// the API has no sort parameter), live status from the stream's lifecycle events between two fetches.

import { AlertBook } from './alerts.js';

/** What a lifecycle event says about a session, applied to the row until the admin API reports it too. */
const EFFECTS = {
  'dev.session.sandbox.ready': (s) => { if (raise(s, 'active')) s.sandbox = { ...s.sandbox, state: 'ready' }; },
  'dev.session.terminated': (s) => { raise(s, 'terminated'); s.sandbox = { ...s.sandbox, state: 'stopped' }; },
  'dev.session.expired': (s) => { raise(s, 'expired'); },
  'dev.session.sandbox.crashed': (s) => { if (!ended(s)) s.sandbox = { ...s.sandbox, state: 'crashed' }; },
  'dev.session.sandbox.stopped': (s) => { s.sandbox = { ...s.sandbox, state: 'stopped' }; },
  'dev.session.reloaded': (s, p) => { s.lastReload = { sequence: p.sequence, result: 'reloaded', durationMs: p.durationMs }; },
  'dev.session.reload.failed': (s, p) => { s.lastReload = { sequence: p.sequence, result: 'failed' }; },
  'dev.session.rolled-back': (s, p) => { s.lastReload = { sequence: p.sequence, result: 'rolled-back' }; },
};
// A session only moves forward: pending → active → terminated | expired.
const RANK = { pending: 0, active: 1, terminated: 2, expired: 2 };
// session-service learns sandbox states from Kafka too, and may answer a fetch with a state older than the event
// the page already showed: events are re-applied over fetched rows for this long, forward moves only.
const LIVE_MS = 30_000;

function raise(s, status) {
  if ((RANK[status] ?? 0) < (RANK[s.status] ?? 0)) return false;
  s.status = status;
  return true;
}

function ended(s) {
  return s.status === 'terminated' || s.status === 'expired';
}

const SORT_VALUE = {
  sandbox: (s) => s.sandbox?.state || '',
  lastReload: (s) => s.lastReload?.sequence ?? -1,
};

export class SessionTable {
  constructor(table, { onLogs, onTerminate, onReload }) {
    this.body = table.tBodies[0];
    this.headers = [...table.tHead.querySelectorAll('th[data-sort]')];
    this.handlers = { onLogs, onTerminate, onReload };
    this.items = [];
    this.sort = { key: 'createdAt', dir: -1 };
    this.selected = null;
    this.alerts = new AlertBook();
    this.recent = []; // lifecycle events of the last LIVE_MS: {type, event, at}
    for (const th of this.headers) {
      th.querySelector('button').addEventListener('click', () => this.sortBy(th.dataset.sort));
    }
  }

  show(items) {
    const now = Date.now();
    this.recent = this.recent.filter((r) => now - r.at < LIVE_MS);
    this.items = items;
    for (const r of this.recent) {
      const session = this.find(r.event.sessionId);
      if (session) EFFECTS[r.type]?.(session, r.event.payload || {});
    }
    this.render();
  }

  sortBy(key) {
    this.sort = { key, dir: this.sort.key === key ? -this.sort.dir : 1 };
    this.render();
  }

  select(sessionId) {
    this.selected = sessionId;
    this.render();
  }

  find(sessionId) {
    return this.items.find((s) => s.sessionId === sessionId);
  }

  /** Applies a lifecycle event to its row; false when the session is not on this page (the caller refetches). */
  apply(type, event) {
    if (EFFECTS[type]) this.recent.push({ type, event, at: Date.now() });
    const session = this.find(event.sessionId);
    if (!session) return false;
    EFFECTS[type]?.(session, event.payload || {});
    this.render();
    return true;
  }

  render() {
    const { key, dir } = this.sort;
    const value = SORT_VALUE[key] || ((s) => s[key] ?? '');
    const rows = [...this.items].sort((a, b) => {
      const x = value(a); const y = value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
    for (const th of this.headers) {
      th.setAttribute('aria-sort', th.dataset.sort === key ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    }
    // Rows are rebuilt on every change: keep keyboard focus on the same button of the same session.
    const focused = this.body.contains(document.activeElement) ? document.activeElement : null;
    const focus = focused && { id: focused.closest('tr')?.dataset.sessionId, action: focused.dataset.action };
    this.body.replaceChildren(...rows.map((s) => this.row(s)));
    if (focus) this.button(focus.id, focus.action)?.focus();
    document.getElementById('empty').hidden = rows.length > 0;
  }

  /** The action button of a session's row, if it is on the page. */
  button(sessionId, action) {
    return [...this.body.rows].find((r) => r.dataset.sessionId === sessionId)?.querySelector(`button[data-action="${action}"]`);
  }

  row(s) {
    const tr = document.createElement('tr');
    tr.dataset.sessionId = s.sessionId;
    if (s.sessionId === this.selected) tr.className = 'selected';
    const isEnded = ended(s);
    const reload = s.lastReload ? `#${s.lastReload.sequence} ${s.lastReload.result || ''}${s.lastReload.durationMs != null ? ` ${s.lastReload.durationMs} ms` : ''}` : '–';
    tr.append(
      cell(s.pluginId),
      cell(s.sessionId.slice(0, 8), 'id', s.sessionId),
      cell(s.developerId || '–'),
      cell(s.version || '–'),
      statusCell(s.status),
      cell(s.sandbox?.state || '–', 'sandbox', s.sandbox?.lastError || ''),
      cell(reload),
      cell(s.createdAt ? new Date(s.createdAt).toLocaleString() : '–', '', s.createdAt),
    );
    const alerts = document.createElement('td');
    alerts.className = 'alerts';
    alerts.append(AlertBook.badges(this.alerts.forSession(s.sessionId)));
    const actions = document.createElement('td');
    actions.className = 'actions';
    actions.append(
      button('Logs', `Show the logs of ${s.pluginId} ${s.sessionId}`, 'logs', (b) => this.handlers.onLogs(s, b)),
      button('Reload', `Reload ${s.pluginId} ${s.sessionId}`, 'reload', (b) => this.handlers.onReload(s, b), isEnded),
      button('Terminate', `Terminate ${s.pluginId} ${s.sessionId}`, 'terminate', (b) => this.handlers.onTerminate(s, b), isEnded),
    );
    tr.append(alerts, actions);
    return tr;
  }
}

function cell(text, className = '', title = '') {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  if (title) td.title = title;
  return td;
}

function statusCell(status) {
  const td = document.createElement('td');
  td.className = 'status';
  const span = document.createElement('span');
  span.className = `st st-${status}`;
  span.textContent = status;
  td.append(span);
  return td;
}

function button(label, ariaLabel, action, onClick, disabled = false) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.action = action;
  b.setAttribute('aria-label', ariaLabel);
  b.disabled = disabled;
  b.addEventListener('click', () => onClick(b));
  return b;
}
