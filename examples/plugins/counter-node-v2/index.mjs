// Counter plugin, version 2: same counting, and every answer says which code produced it ({count, version}).
// `version` comes from lib/counter.mjs, so it is 2 only if the nested module was re-imported too.
import { createCounter, VERSION } from './lib/counter.mjs';

const counter = createCounter();

function amount(payload) {
  const by = payload?.by ?? 1;
  if (!Number.isFinite(by)) throw new TypeError(`payload.by must be a number, got ${JSON.stringify(by)}`);
  return by;
}

export async function setup(ctx) {
  ctx.log.info(`counter v${VERSION} ready (sequence ${ctx.sequence}, ${ctx.reason}, count ${counter.value()})`);
}

export async function onReload(ctx) {
  ctx.log.info(`counter v${VERSION} took over from sequence ${ctx.previousSequence} with count ${counter.value()}`);
}

export async function teardown(ctx) {
  ctx.log.info(`counter v${VERSION} stopping (${ctx.reason}) at count ${counter.value()}`);
}

export function getReloadState() {
  return { count: counter.value() };
}

export function setReloadState(state) {
  counter.set(Number(state?.count ?? 0));
}

export const handlers = {
  async increment(payload) {
    return { count: counter.add(amount(payload)), version: VERSION };
  },
  async get() {
    return { count: counter.value(), version: VERSION };
  },
};
