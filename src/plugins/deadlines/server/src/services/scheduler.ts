import type { Core } from '@strapi/strapi';

/** Placeholder until the scheduler lands: see schedule/README.md for the contract. */
const scheduler = ({ strapi: _strapi }: { strapi: Core.Strapi }) => ({
  async start() {},
  async stop() {},
  async sync(_deadline: Record<string, any>, _previousVersion: number | null) {},
  async reconcile() {},
  async daily(_name: string, _cron: string, _handler: () => Promise<unknown>) {},
  async drain() {},
});

export type SchedulerService = ReturnType<typeof scheduler>;
export default scheduler;
