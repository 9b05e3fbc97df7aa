// The console's calls to the suite. Everything goes to the page's own origin: the admin API, alerts, diagnostics
// and tickets through the gateway's allow-listed proxy (/console/api/{peer}/…), so there is no CORS and the page
// works the same behind one ingress host. The token lives in memory and sessionStorage only (gone with the tab).

const TOKEN_KEY = 'px_token';
// EventSource cannot set headers, so the SSE endpoint reads the token from this cookie — never from a URL. The
// cookie is scoped to the stream path alone: every other call carries the token in the Authorization header.
export const STREAM_PATH = '/api/admin/dev-hotload/stream';

let token = sessionStorage.getItem(TOKEN_KEY) || null;
writeStreamCookie();

export function currentToken() {
  return token;
}

export function setToken(value) {
  token = value && value.trim() ? value.trim() : null;
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  writeStreamCookie();
}

function writeStreamCookie() {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = token
    ? `px_token=${token}; Path=${STREAM_PATH}; SameSite=Strict${secure}`
    : `px_token=; Path=${STREAM_PATH}; Max-Age=0; SameSite=Strict${secure}`;
}

/** A non-2xx answer, with the suite's error envelope when there is one. */
export class ApiError extends Error {
  constructor(status, envelope) {
    super(envelope?.message || `HTTP ${status}`);
    this.status = status;
    this.envelope = envelope;
    this.code = envelope?.error_code;
  }
}

/** Calls `path` on `peer` (session | telemetry | diagnostics | tickets) through the proxy; the raw Response. */
export async function send(peer, path, { method = 'GET', query = {}, body, accept = 'application/json' } = {}) {
  const url = new URL(`api/${peer}${path}`, document.baseURI);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  // X-PX-Console: the proxy refuses state-changing calls without it (a cross-site form cannot add a header).
  const headers = { Accept: accept, 'X-PX-Console': '1' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
}

/** {@link send}, answering the envelope's `data`, or throwing an ApiError. */
export async function data(peer, path, options) {
  let response;
  try {
    response = await send(peer, path, options);
  } catch (e) {
    throw new ApiError(0, { message: 'the gateway is not reachable' });
  }
  const text = await response.text();
  let envelope = null;
  try { envelope = text ? JSON.parse(text) : null; } catch { /* not JSON: keep the status */ }
  if (!response.ok) throw new ApiError(response.status, envelope);
  return envelope?.data;
}

/** The admin API of CONTRACT.md §3 and its neighbours, as the console uses them. */
export const admin = {
  sessions: (query) => data('session', '/api/admin/dev-hotload/sessions', { query }),
  terminate: (id, reason) => data('session', `/api/admin/dev-hotload/sessions/${id}/terminate`, { method: 'POST', body: { reason } }),
  reload: (id, reason) => data('session', `/api/admin/dev-hotload/sessions/${id}/reload`, { method: 'POST', body: { reason } }),
  alerts: () => data('telemetry', '/api/telemetry/alerts', { query: { status: 'open', limit: 200 } }),
  reports: (sessionId) => data('diagnostics', '/internal/debug/reports', { query: { sessionId, limit: 50 } }),
  tickets: (pluginId) => data('tickets', '/internal/ticket/tickets', { query: { pluginId, state: 'all' } }),
};

/** Fetches a response body and hands it to the browser as a download (or opens it, for a report). */
export async function download(response, filename, open = false) {
  if (!response.ok) {
    let envelope = null;
    try { envelope = await response.json(); } catch { /* keep the status */ }
    throw new ApiError(response.status, envelope);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  if (open) link.target = '_blank'; else link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
