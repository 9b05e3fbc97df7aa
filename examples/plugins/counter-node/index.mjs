// Counter plugin, version 1: `increment` adds payload.by (default 1), `get` reads; the count survives reloads.
import { createCounter } from './lib/counter.mjs';

const counter = createCounter();

function amount(payload) {
  const by = payload?.by ?? 1;
  if (!Number.isFinite(by)) throw new TypeError(`payload.by must be a number, got ${JSON.stringify(by)}`);
  return by;
}

export async function setup(ctx) {
  ctx.log.info(`counter v1 ready (sequence ${ctx.sequence}, ${ctx.reason}, count ${counter.value()})`);
}

export async function onReload(ctx) {
  ctx.log.info(`counter v1 took over from sequence ${ctx.previousSequence} with count ${counter.value()}`);
}

export async function teardown(ctx) {
  ctx.log.info(`counter v1 stopping (${ctx.reason}) at count ${counter.value()}`);
}

export function getReloadState() {
  return { count: counter.value() };
}

export function setReloadState(state) {
  counter.set(Number(state?.count ?? 0));
}

export const handlers = {
  async increment(payload) {
    return { count: counter.add(amount(payload)) };
  },
  async get() {
    return { count: counter.value() };
  },
};
