import type { Core } from '@strapi/strapi';
import { UPWARD_REPORT } from '../records/upward';

const DEFAULT_SWEEP_SECONDS = 30;

/** `UPWARD_SWEEP_SECONDS` (1–59, default 30) as a cron with seconds: `*\/30 * * * * *`. */
export function sweepCron(value = process.env.UPWARD_SWEEP_SECONDS): string {
  const seconds = Number(value ?? DEFAULT_SWEEP_SECONDS);
  const every = Number.isInteger(seconds) && seconds >= 1 && seconds <= 59 ? seconds : DEFAULT_SWEEP_SECONDS;
  return `*/${every} * * * * *`;
}

/**
 * The delivery of 上报记录 survives restarts: the database holds what is due (`state`, `nextAttemptAt`), a pass on
 * start picks up what a stopped process left (failed attempts whose back-off has passed, leases run out), and the
 * deadline plugin's scheduler repeats the pass — in-process on Strapi's cron, or once per cluster on bull.
 */
export async function scheduleUpwardReports(strapi: Core.Strapi) {
  const sweep = () => strapi.service(UPWARD_REPORT).sweep();
  void Promise.resolve()
    .then(sweep)
    .catch((error: Error) => strapi.log.error(`[upward] 上报核对失败 / sweep failed: ${error.message}`));
  await strapi.plugin('deadlines').service('scheduler').daily('upward-reports', sweepCron(), sweep);
}
