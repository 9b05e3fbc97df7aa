// Open alerts of the tenant: loaded from telemetry-ingest's alerts API, then kept current by the stream's
// plugin.debug.alert / plugin.debug.alert.resolved events (one open alert per rule and session, CONTRACT.md §6).

const RANK = { critical: 3, warning: 2, info: 1 };

export class AlertBook {
  constructor() {
    this.open = new Map();
  }

  load(items) {
    this.open.clear();
    for (const alert of items || []) if (alert.status !== 'resolved') this.open.set(alert.alertId, alert);
  }

  /** Applies a stream event; true when something changed. */
  apply(type, payload) {
    if (!payload?.alertId) return false;
    if (type === 'plugin.debug.alert.resolved' || payload.status === 'resolved') return this.open.delete(payload.alertId);
    this.open.set(payload.alertId, payload);
    return true;
  }

  forSession(sessionId) {
    return [...this.open.values()].filter((a) => a.sessionId === sessionId);
  }

  get size() {
    return this.open.size;
  }

  /** Badges (count per severity, most severe first) as an element. */
  static badges(alerts) {
    const span = document.createElement('span');
    const bySeverity = new Map();
    for (const a of alerts) bySeverity.set(a.severity, (bySeverity.get(a.severity) || 0) + 1);
    for (const severity of [...bySeverity.keys()].sort((x, y) => (RANK[y] || 0) - (RANK[x] || 0))) {
      const badge = document.createElement('span');
      badge.className = `badge sev-${severity}`;
      badge.textContent = bySeverity.get(severity);
      const rules = alerts.filter((a) => a.severity === severity).map((a) => a.rule).join(', ');
      badge.title = `${severity}: ${rules}`;
      badge.setAttribute('aria-label', `${bySeverity.get(severity)} ${severity} alert(s): ${rules}`);
      span.append(badge);
    }
    return span;
  }
}
