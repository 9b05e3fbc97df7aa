// One live SSE stream of the tenant (CONTRACT.md §5) with resume by Last-Event-ID and no duplicate.
// The browser's EventSource reconnects by itself after the `retry:` delay and sends Last-Event-ID itself; when it
// gives up (a non-200 answer while the gateway restarts closes it for good) we open a new one and pass the last id
// as `last_event_id`, since a new EventSource cannot send the header. Ids are ordered within a tenant
// (`<ms>-<n>`), so anything at or before the last id seen is a replayed duplicate and is skipped.

const TYPES = ['dev.session.registered', 'dev.session.reload.requested', 'dev.session.reload.recorded',
  'dev.session.updated', 'dev.session.terminated', 'dev.session.expired', 'dev.session.sandbox.ready',
  'dev.session.reloaded', 'dev.session.reload.failed', 'dev.session.rolled-back', 'dev.session.sandbox.crashed',
  'dev.session.sandbox.stopped', 'dev.session.invoke.failed', 'dev.session.log', 'plugin.debug.alert',
  'plugin.debug.alert.resolved', 'gap'];

/** Compares two stream ids `<ms>-<n>` (numbers, not strings: "9" sorts after "10" as text). */
export function compareIds(a, b) {
  const [am, an] = a.split('-').map(Number);
  const [bm, bn] = b.split('-').map(Number);
  return am !== bm ? am - bm : an - bn;
}

export class LiveStream {
  /**
   * @param query  the stream's filter (URLSearchParams-compatible object)
   * @param from   a first cursor ('0' = everything retained), or null for live only
   * @param onEvent (type, data, id) per new frame; onState ('open' | 'reconnecting' | 'closed')
   */
  constructor({ path, query, from = null, onEvent, onState }) {
    this.path = path;
    this.query = query;
    this.lastId = from;
    this.onEvent = onEvent;
    this.onState = onState;
    this.source = null;
    this.retryMs = 1000;
    this.timer = null;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.open();
    return this;
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
    this.onState?.('closed');
  }

  open() {
    const params = new URLSearchParams(this.query);
    if (this.lastId !== null) params.set('last_event_id', this.lastId);
    const source = new EventSource(`${this.path}?${params}`);
    this.source = source;
    source.onopen = () => {
      this.retryMs = 1000;
      this.onState?.('open');
    };
    source.onerror = () => {
      if (this.stopped || source !== this.source) return;
      this.onState?.('reconnecting');
      if (source.readyState === EventSource.CLOSED) this.reopenLater();
    };
    for (const type of TYPES) source.addEventListener(type, (e) => this.take(type, e));
  }

  reopenLater() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { if (!this.stopped) this.open(); }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 15_000);
  }

  take(type, event) {
    const id = event.lastEventId;
    if (type !== 'gap' && id) {
      if (this.lastId !== null && this.lastId !== '0' && compareIds(id, this.lastId) <= 0) return; // replayed twice
      this.lastId = id;
    }
    let data;
    try { data = JSON.parse(event.data); } catch { return; }
    this.onEvent(type, data, id);
  }
}
