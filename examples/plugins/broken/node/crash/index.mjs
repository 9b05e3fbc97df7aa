// Broken on purpose (crash): a working counter with misbehaving handlers: crash (process.exit(3)), boom
// (throws), sleep (never settles), spin (blocks the thread).

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
  async crash() {
    process.exit(3);
  },
  async boom(payload) {
    throw new Error(`boom: ${payload?.reason ?? 'on purpose'}`);
  },
  sleep() {
    return new Promise(() => {});
  },
  spin() {
    for (;;) {
      // spins forever
    }
  },
};
