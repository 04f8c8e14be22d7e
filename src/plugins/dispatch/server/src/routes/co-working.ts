import { FIGURES_READ, requires } from '../permissions';

/**
 * 首席代表集中办公: attendance per week and bureau, flagged bureaus. Admin panel (/dispatch/co-working): needs
 * 查看实绩数据. Content API (/api/dispatch/co-working): per users-permissions role or API token, scoped to the
 * caller's bureau.
 */
export const admin = [{ method: 'GET', path: '/co-working', handler: 'co-working.find', config: requires(FIGURES_READ) }];

export const contentApi = [{ method: 'GET', path: '/co-working', handler: 'co-working.find', config: {} }];
