// Broken on purpose (throwing-teardown): a working counter whose teardown(ctx) throws: reloading AWAY from
// this version fails in the teardown phase.

let count = 0;

export function getReloadState() {
  return { count };
}

export function setReloadState(state) {
  count = Number(state?.count ?? 0);
}

export async function setup(ctx) {
  ctx.log.info(`throwing-teardown ready (sequence ${ctx.sequence}, ${ctx.reason})`);
}

export async function onReload(ctx) {
  ctx.log.info(`throwing-teardown took over from sequence ${ctx.previousSequence}`);
}

export async function teardown() {
  throw new Error('teardown failed on purpose');
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
