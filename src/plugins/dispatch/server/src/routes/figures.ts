import { FIGURES_READ, requires } from '../permissions';

/**
 * 实绩数据 and 践诺排名. Admin panel (/dispatch/…): needs 查看实绩数据. Content API (/api/dispatch/…): allowed per
 * users-permissions role or API token (actions named `find`, so read-only tokens may call them); figures are
 * scoped to the caller's bureau, the pledge ranking is public.
 */
export const admin = [{ method: 'GET', path: '/figures', handler: 'figures.find', config: requires(FIGURES_READ) }];

export const contentApi = [
  { method: 'GET', path: '/figures', handler: 'figures.find', config: {} },
  { method: 'GET', path: '/pledge-ranking', handler: 'ranking.find', config: {} },
];
