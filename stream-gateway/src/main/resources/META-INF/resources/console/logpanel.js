// The log panel: one session's dev.session.log lines in a virtual list. Rows have one fixed height and only the
// visible ones exist in the DOM, so 10,000 lines cost the same to scroll as 20 and nothing jumps while lines
// arrive. The panel keeps the newest CAPACITY lines in a ring and says how many older ones it let go.

export const CAPACITY = 10_000;
const ROW = 20; // px, = --row in console.css
const LEVELS = { debug: 0, info: 1, warn: 2, error: 3 };

export class LogPanel {
  constructor(viewport, status) {
    this.viewport = viewport;
    this.status = status;
    this.spacer = viewport.querySelector('.spacer');
    this.ring = new Array(CAPACITY);
    this.head = 0; // index of the oldest line in the ring
    this.size = 0;
    this.dropped = 0;
    this.view = []; // lines that pass the filter, oldest first; view[viewStart] is the first still kept
    this.viewStart = 0;
    this.minLevel = 0;
    this.text = '';
    this.paused = false;
    this.unseen = 0;
    this.follow = true;
    this.frame = 0;
    viewport.addEventListener('scroll', () => {
      this.follow = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - ROW;
      this.schedule();
    });
  }

  clear() {
    this.ring = new Array(CAPACITY);
    this.head = this.size = this.dropped = this.unseen = 0;
    this.view = [];
    this.viewStart = 0;
    this.follow = true;
    this.schedule();
  }

  /** Adds one log line ({timestamp, level, source, message, suppressed}) or a marker (a gap). */
  add(line) {
    const entry = { ...line, level: LEVELS[line.level] === undefined ? 'info' : line.level };
    entry.lower = `${entry.source || ''} ${entry.message || ''}`.toLowerCase();
    if (this.size === CAPACITY) {
      const oldest = this.ring[this.head];
      this.head = (this.head + 1) % CAPACITY;
      this.size--;
      this.dropped++;
      if (this.view[this.viewStart] === oldest) this.viewStart++;
    }
    this.ring[(this.head + this.size) % CAPACITY] = entry;
    this.size++;
    if (this.matches(entry)) this.view.push(entry);
    if (this.viewStart > 4096) { // compact now and then instead of shifting the array per line
      this.view = this.view.slice(this.viewStart);
      this.viewStart = 0;
    }
    if (this.paused) this.unseen++;
    this.schedule();
  }

  setFilter({ level = null, text = null }) {
    if (level !== null) this.minLevel = LEVELS[level] ?? 0;
    if (text !== null) this.text = text.trim().toLowerCase();
    this.view = [];
    this.viewStart = 0;
    for (let i = 0; i < this.size; i++) {
      const entry = this.ring[(this.head + i) % CAPACITY];
      if (this.matches(entry)) this.view.push(entry);
    }
    this.follow = true;
    this.schedule();
  }

  /** Paused: lines are still kept (and counted), the view holds still until resume. */
  setPaused(paused) {
    this.paused = paused;
    if (!paused) {
      this.unseen = 0;
      this.follow = true;
    }
    this.schedule();
  }

  matches(entry) {
    return (entry.marker || LEVELS[entry.level] >= this.minLevel) && (!this.text || entry.lower.includes(this.text));
  }

  /** Texts of the lines that pass the filter (for the export file name and for tests). */
  visibleMessages() {
    return this.view.slice(this.viewStart).map((e) => e.message);
  }

  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.render(); });
  }

  render() {
    const count = this.view.length - this.viewStart;
    this.status.textContent = this.describe(count);
    if (this.paused) return;
    const vp = this.viewport;
    this.spacer.style.height = `${count * ROW}px`;
    if (this.follow) vp.scrollTop = vp.scrollHeight;
    const first = Math.max(0, Math.floor(vp.scrollTop / ROW) - 5);
    const last = Math.min(count, Math.ceil((vp.scrollTop + vp.clientHeight) / ROW) + 5);
    const rows = [];
    for (let i = first; i < last; i++) rows.push(this.row(this.view[this.viewStart + i], i));
    vp.replaceChildren(this.spacer, ...rows);
  }

  row(entry, index) {
    const div = document.createElement('div');
    div.className = entry.marker ? 'log-row marker' : `log-row lvl-${entry.level}`;
    div.style.top = `${index * ROW}px`;
    if (entry.marker) {
      div.textContent = entry.message;
      return div;
    }
    const time = document.createElement('span');
    time.className = 'log-time';
    time.textContent = (entry.timestamp || '').slice(11, 23);
    const level = document.createElement('span');
    level.className = 'log-level';
    level.textContent = entry.level.toUpperCase();
    const message = document.createElement('span');
    message.className = 'log-msg';
    message.textContent = entry.suppressed ? `${entry.message} (${entry.suppressed} lines suppressed by the rate limit)` : entry.message;
    div.title = entry.message;
    div.append(time, level, message);
    return div;
  }

  describe(count) {
    let text = `${count} of ${this.size} lines shown`;
    if (this.dropped) text += ` · ${this.dropped} older lines let go (the panel keeps the newest ${CAPACITY.toLocaleString('en')})`;
    if (this.paused) text += ` · paused, ${this.unseen} new lines waiting`;
    return text;
  }
}
