// Broken on purpose (never-loads): a top-level await on a promise that never settles: the module never
// finishes loading.

await new Promise(() => {});

let count = 0;

export function getReloadState() {
  return { count };
}

export function setReloadState(state) {
  count = Number(state?.count ?? 0);
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
