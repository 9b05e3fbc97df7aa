'use strict';
// The counter's storage lives in its own module, so a reload also shows that nested modules are re-required.
const VERSION = 'cjs';

function createCounter(initial = 0) {
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

module.exports = { VERSION, createCounter };
