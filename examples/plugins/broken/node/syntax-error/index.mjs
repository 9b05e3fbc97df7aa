// Broken on purpose (syntax-error): the entry does not parse (a missing closing brace).

export const handlers = {
  async increment(payload) {
    return { count: payload.by ;
  },
};
