export default () => ({
  logger: {
    updates: { enabled: false },
    startup: { enabled: false },
    config: { level: 'warn' },
  },
});
