// Broken on purpose (slow-hook): onReload(ctx) returns a promise that never settles (the Worker stays
// responsive).

let count = 0;

export function getReloadState() {
  return { count };
}

export function setReloadState(state) {
  count = Number(state?.count ?? 0);
}

export function onReload() {
  return new Promise(() => {});
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
