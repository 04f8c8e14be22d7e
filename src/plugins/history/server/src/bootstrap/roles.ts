import type { Core } from '@strapi/strapi';
import { CHANGES_READ } from '../permissions';

/** The office searches and exports every change; everyone reads the history of the records they may read. */
const ADMIN_GRANTS: Record<string, string[]> = { office: [CHANGES_READ] };
const API_GRANTS: Record<string, string[]> = {
  office: ['plugin::history.changes.find', 'plugin::history.changes.export', 'plugin::history.records.find'],
  department: ['plugin::history.records.find'],
  town: ['plugin::history.records.find'],
  leader: ['plugin::history.records.find'],
};

/**
 * Grants the history's permissions to the seeded roles, once per role (remembered in the plugin store), so the
 * office can take them away again afterwards. Called by the application's bootstrap after the roles are seeded.
 */
export async function grantRoles(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'history', key: 'granted' });
  const granted = ((await store.get({})) as { admin?: string[]; user?: string[] } | null) ?? {};
  const admin = new Set(granted.admin ?? []);
  const user = new Set(granted.user ?? []);

  for (const [code, actions] of Object.entries(ADMIN_GRANTS)) {
    if (admin.has(code)) continue;
    const role = await strapi.db.query('admin::role').findOne({ where: { code }, populate: { permissions: { select: ['action'] } } });
    if (!role) continue;
    const held = new Set((role.permissions ?? []).map((permission: { action: string }) => permission.action));
    const missing = actions.filter((action) => !held.has(action));
    if (missing.length) await strapi.service('admin::role').addPermissions(role.id, missing.map((action) => ({ action, subject: null, properties: {}, conditions: [] })));
    admin.add(code);
  }

  for (const [type, actions] of Object.entries(API_GRANTS)) {
    if (user.has(type)) continue;
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type }, populate: { permissions: { select: ['action'] } } });
    if (!role) continue;
    const held = new Set((role.permissions ?? []).map((permission: { action: string }) => permission.action));
    for (const action of actions.filter((candidate) => !held.has(candidate))) {
      await strapi.documents('plugin::users-permissions.permission' as any).create({ data: { action, role: role.id } as any });
    }
    user.add(type);
  }

  await store.set({ value: { admin: [...admin], user: [...user] } });
}
