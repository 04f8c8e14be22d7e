import type { Core } from '@strapi/strapi';
import { registerRecords } from './records';
import { scheduleMeetings } from './records/meetings';
import { openMonthlyReports } from './records/monthly-reports';
import { listenForEscalations } from './records/supervision';
import { configureAdminLayouts } from './bootstrap/admin-layouts';
import { seedBureaus } from './bootstrap/bureaus';
import { guardDatabaseOutages, releaseDatabaseOutages } from './bootstrap/database-outages';
import { seedFinanceWarningRules, syncFinanceWatch } from './bootstrap/finance-warning-rules';
import { seedLandEvaluationSettings } from './bootstrap/land-evaluation-settings';
import { seedDemoData } from './bootstrap/demo-data';
import { ensureDevAccounts, isDevelopment } from './bootstrap/dev-accounts';
import { seedResponsibilityMatrix } from './bootstrap/responsibility-matrix';
import { scheduleUpwardReports } from './bootstrap/upward-reports';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerRecords(strapi);
  },

  /** Ordered, idempotent set-up steps: each may run on every start. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    // a failed reconnection of the pool while PostgreSQL restarts does not end the process
    guardDatabaseOutages(strapi);
    // an overdue item escalated to the office becomes a 督办单 to its bureau
    listenForEscalations(strapi);
    await seedBureaus(strapi);
    // PLATFORM_PLUGINS=off (config/plugins.ts): the records alone, the benchmarks' stock baseline
    if (!strapi.plugin('bureau-views')) return;
    // after every plugin's bootstrap: the admin's default roles and all permission actions exist by now
    await strapi.plugin('bureau-views').service('roles').seed();
    await strapi.plugin('traffic-lights').service('roles').grant();
    await strapi.plugin('dispatch').service('roles').grant();
    await strapi.plugin('history').service('roles').grant();
    await seedResponsibilityMatrix(strapi);
    await seedFinanceWarningRules(strapi);
    await syncFinanceWatch(strapi);
    await seedLandEvaluationSettings(strapi);
    await configureAdminLayouts(strapi);
    if (isDevelopment() && process.env.DEMO_DATA !== 'false') await seedDemoData(strapi);
    await ensureDevAccounts(strapi);
    await openMonthlyReports(strapi);
    // each unit's report for the month is opened early on the 1st, once across all instances
    await strapi.plugin('deadlines').service('scheduler').daily('open-monthly-reports', '0 5 0 1 * *', () => openMonthlyReports(strapi));
    // the coming meetings of regular series (周例会, 月调度会), each morning, once across all instances
    await scheduleMeetings(strapi);
    await strapi.plugin('deadlines').service('scheduler').daily('schedule-meetings', '0 0 7 * * *', () => scheduleMeetings(strapi));
    // 向上报送: due reports are delivered on start and every UPWARD_SWEEP_SECONDS, once across all instances
    await scheduleUpwardReports(strapi);
    // 首席代表集中办公: each Monday morning, last week's bureaus below one day are reported to the office (once each)
    await strapi
      .plugin('deadlines')
      .service('scheduler')
      .daily('co-working-flags', '0 30 8 * * 1', () => strapi.plugin('dispatch').service('co-working').notifyFlagged());
  },

  destroy() {
    releaseDatabaseOutages();
  },
};
