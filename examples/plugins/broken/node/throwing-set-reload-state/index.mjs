// Broken on purpose (throwing-set-reload-state): setReloadState(state) throws.

let count = 0;

export function getReloadState() {
  return { count };
}

export function setReloadState() {
  throw new Error('setReloadState failed on purpose');
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
