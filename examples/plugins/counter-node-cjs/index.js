'use strict';
// Counter plugin as a CommonJS module: the same hooks and handlers, exported through module.exports.
const { createCounter, VERSION } = require('./lib/counter.js');

const counter = createCounter();

function amount(payload) {
  const by = payload?.by ?? 1;
  if (!Number.isFinite(by)) throw new TypeError(`payload.by must be a number, got ${JSON.stringify(by)}`);
  return by;
}

module.exports = {
  async setup(ctx) {
    ctx.log.info(`counter (${VERSION}) ready (sequence ${ctx.sequence}, ${ctx.reason}, count ${counter.value()})`);
  },
  async onReload(ctx) {
    ctx.log.info(`counter (${VERSION}) took over from sequence ${ctx.previousSequence} with count ${counter.value()}`);
  },
  async teardown(ctx) {
    ctx.log.info(`counter (${VERSION}) stopping (${ctx.reason}) at count ${counter.value()}`);
  },
  getReloadState() {
    return { count: counter.value() };
  },
  setReloadState(state) {
    counter.set(Number(state?.count ?? 0));
  },
  handlers: {
    async increment(payload) {
      return { count: counter.add(amount(payload)), module: VERSION };
    },
    async get() {
      return { count: counter.value(), module: VERSION };
    },
  },
};
