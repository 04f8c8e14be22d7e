import type { Core } from '@strapi/strapi';
import { policyOf } from './scope/policy';
import { dottedAnyPathFilter } from './scope/query';
import type { ScopeService } from './services/scope';

type Row = Record<string, any>;

export const CONDITIONS = {
  related: 'plugin::bureau-views.related-to-my-bureau',
  owned: 'plugin::bureau-views.owned-by-my-bureau',
} as const;

/**
 * Admin RBAC conditions "records of my bureau", selectable per content type in 设置 → 管理员角色. The engine
 * passes the admin user merged with the permission being evaluated, so one condition answers per type with
 * the paths of the scope table; an admin without a membership gets `false` (sees nothing, creates nothing).
 */
export async function registerConditions(strapi: Core.Strapi) {
  const scope = (): ScopeService => strapi.plugin('bureau-views').service('scope');
  const handler = (which: 'read' | 'write') => async (user: Row) => {
    const ids = await scope().membershipBureaus(user?.id);
    if (!ids.length) return false;
    const policy = policyOf(user?.permission?.subject);
    if (!policy) return true;
    const paths = which === 'read' ? policy.read : policy.write;
    if (paths === 'everyone') return true;
    if (paths === 'office') return false;
    return dottedAnyPathFilter(paths, ids);
  };
  await strapi.service('admin::permission').conditionProvider.registerMany([
    { displayName: '与本单位相关的记录', name: 'related-to-my-bureau', plugin: 'bureau-views', category: '分单位视图', handler: handler('read') },
    { displayName: '本单位负责的记录', name: 'owned-by-my-bureau', plugin: 'bureau-views', category: '分单位视图', handler: handler('write') },
  ]);
}
