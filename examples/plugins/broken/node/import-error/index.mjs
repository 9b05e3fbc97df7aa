// Broken on purpose (import-error): the entry imports a package that is not in the bundle.
import { pad } from 'px-missing-dependency';

let count = 0;

export function getReloadState() {
  return { count };
}

export function setReloadState(state) {
  count = Number(state?.count ?? 0);
}

export const handlers = {
  async get() {
    return { count: pad(count) };
  },
};
