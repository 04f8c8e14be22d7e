export default ({ env }) => ({
  rest: {
    defaultLimit: env.int('API_DEFAULT_PAGE_SIZE', 25),
    maxLimit: env.int('API_MAX_PAGE_SIZE', 100),
    withCount: true,
    // Unknown query keys (e.g. `where[...]`) are a 400 rather than silently ignored.
    strictParams: true,
  },
});
