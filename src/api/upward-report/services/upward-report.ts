import { factories } from '@strapi/strapi';
import { deliverOne, sweep } from '../../../records/upward-delivery';

/**
 * 上报记录: the core service, plus the delivery (src/records/upward-delivery.ts) — `deliverOne(id)` tries one due
 * report, `sweep()` every due report (one pass at a time per process; a caller during a pass shares it).
 */
export default factories.createCoreService('api::upward-report.upward-report', ({ strapi }) => {
  let running: Promise<number> | null = null;
  return {
    deliverOne(id: number) {
      return deliverOne(strapi, id);
    },
    sweep(): Promise<number> {
      running ??= sweep(strapi).finally(() => {
        running = null;
      });
      return running;
    },
  };
});
