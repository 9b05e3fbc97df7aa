// Broken on purpose (throwing-setup): setup(ctx) throws; there is no onReload, so on a reload the harness
// calls setup in the onReload step.

let count = 0;

export function getReloadState() {
  return { count };
}

export function setReloadState(state) {
  count = Number(state?.count ?? 0);
}

export async function setup() {
  throw new Error('setup failed on purpose');
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
