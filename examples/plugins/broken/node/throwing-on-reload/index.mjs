// Broken on purpose (throwing-on-reload): onReload(ctx) throws.

let count = 0;

export function getReloadState() {
  return { count };
}

export function setReloadState(state) {
  count = Number(state?.count ?? 0);
}

export async function onReload() {
  throw new Error('onReload failed on purpose');
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
