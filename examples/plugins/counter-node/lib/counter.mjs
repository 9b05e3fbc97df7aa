// The counter's storage lives in its own module, so a reload also shows that nested modules are re-imported.
export const VERSION = 1;

export function createCounter(initial = 0) {
  let count = initial;
  return {
    value: () => count,
    set(value) {
      count = value;
    },
    add(by) {
      count += by;
      return count;
    },
  };
}
