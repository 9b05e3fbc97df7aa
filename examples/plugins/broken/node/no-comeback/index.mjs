// Broken on purpose (no-comeback): a working counter whose setup refuses a rollback, so a failed reload cannot put it
// back in the same process ("rollback-failed"); the orchestrator must then start a fresh process on this version.
let count = 0;

export function getReloadState() {
  return { count };
}

export function setReloadState(state) {
  count = Number(state?.count ?? 0);
}

export function setup(ctx) {
  if (ctx.reason === 'rollback') {
    throw new Error('cannot come back');
  }
}

export const handlers = {
  async increment() {
    count += 1;
    return { count };
  },
  async get() {
    return { count };
  },
};
