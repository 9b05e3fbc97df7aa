// Broken on purpose (noisy): a handler that logs payload.lines lines (default 100) as fast as it can.

let count = 0;

export function getReloadState() {
  return { count };
}

export function setReloadState(state) {
  count = Number(state?.count ?? 0);
}

export const handlers = {
  async noisy(payload, ctx) {
    const lines = payload?.lines ?? 100;
    for (let i = 0; i < lines; i += 1) console.log(`noisy line ${i} of ${lines}`);
    ctx.log.warn(`noisy wrote ${lines} lines`);
    return { lines };
  },
  async get() {
    return { count };
  },
};
