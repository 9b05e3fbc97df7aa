// Broken on purpose (blocking-hook): setReloadState(state) never returns: a synchronous endless loop blocks
// the plugin thread.

let count = 0;

export function getReloadState() {
  return { count };
}

export function setReloadState() {
  for (;;) {
    // spins forever
  }
}

export const handlers = {
  async increment(payload) {
    count += payload?.by ?? 1;
    return { count };
  },
  async get() {
    return { count };
  },
};
