import type { Core } from '@strapi/strapi';
import type { ScopeService } from './services/scope';

type Row = Record<string, any>;

const EVALUATED = Symbol('bureau-views.conditions');

export const CONDITIONS = {
  related: 'plugin::bureau-views.related-to-my-bureau',
  owned: 'plugin::bureau-views.owned-by-my-bureau',
} as const;

/**
 * Admin RBAC conditions "records of my bureau", selectable per content type in 设置 → 管理员角色. The engine
 * passes the admin user merged with the permission being evaluated, so one condition answers per type with
 * the records the scope service finds (`id IN …`); an admin without a membership gets `false` (sees nothing, creates nothing).
 */
export async function registerConditions(strapi: Core.Strapi) {
  const scope = (): ScopeService => strapi.plugin('bureau-views').service('scope');
  const evaluate = async (which: 'read' | 'write', user: Row) => {
    const viewer = await scope().adminViewerOf(user);
    if (viewer.kind === 'none') return false;
    const subject: string = user?.permission?.subject;
    // the engine tests single records in memory too: an id list, not a subquery
    const filter = which === 'read' ? await scope().readFilter(subject, viewer, 'ids') : await scope().writeFilter(subject, viewer, 'ids');
    // no restriction on this type → the condition holds for all its records
    return filter ?? true;
  };
  /**
   * The engine evaluates every permission's conditions on every admin request: one id list per type, mode and
   * user, shared by that type's actions (read, update, delete, publish …) within the request.
   */
  const handler = (which: 'read' | 'write') => (user: Row) => {
    const ctx = strapi.requestContext.get() as Row | undefined;
    if (!ctx?.state || !user?.id) return evaluate(which, user);
    const memo: Map<string, Promise<unknown>> = (ctx.state[EVALUATED] ??= new Map());
    const key = `${user.id}|${which}|${user?.permission?.subject}`;
    if (!memo.has(key)) memo.set(key, evaluate(which, user));
    return memo.get(key)!;
  };
  await strapi.service('admin::permission').conditionProvider.registerMany([
    { displayName: '与本单位相关的记录', name: 'related-to-my-bureau', plugin: 'bureau-views', category: '分单位视图', handler: handler('read') },
    { displayName: '本单位负责的记录', name: 'owned-by-my-bureau', plugin: 'bureau-views', category: '分单位视图', handler: handler('write') },
  ]);
}
