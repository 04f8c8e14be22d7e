import type { Core } from '@strapi/strapi';

/** The permission actions a plugin gives the seeded roles: admin roles by code, users-permissions roles by type. */
export interface Grants {
  admin?: Record<string, string[]>;
  user?: Record<string, string[]>;
}

/** What the plugin store remembers: each `admin:<code>:<action>` / `user:<type>:<action>` given once. */
type Remembered = string[] | { admin?: string[]; user?: string[] } | null;

/**
 * Gives a plugin's permissions to the seeded roles, each (role, action) once — remembered in the plugin's store
 * (`granted`), so the office can take one away again for good, while an action added in a later version still
 * reaches the roles. Called by the application's bootstrap after the roles are seeded.
 */
export async function grantOnce(strapi: Core.Strapi, plugin: string, grants: Grants) {
  const store = strapi.store({ type: 'plugin', name: plugin, key: 'granted' });
  const granted = remembered((await store.get({})) as Remembered, grants);
  const held = (role: { permissions?: Array<{ action: string }> }) => new Set((role.permissions ?? []).map((permission) => permission.action));

  for (const [code, actions] of Object.entries(grants.admin ?? {})) {
    const due = actions.filter((action) => !granted.has(`admin:${code}:${action}`));
    if (!due.length) continue;
    const role = await strapi.db.query('admin::role').findOne({ where: { code }, populate: { permissions: { select: ['action'] } } });
    if (!role) continue;
    const has = held(role);
    const missing = due.filter((action) => !has.has(action));
    if (missing.length) await strapi.service('admin::role').addPermissions(role.id, missing.map((action) => ({ action, subject: null, properties: {}, conditions: [] })));
    for (const action of due) granted.add(`admin:${code}:${action}`);
  }

  for (const [type, actions] of Object.entries(grants.user ?? {})) {
    const due = actions.filter((action) => !granted.has(`user:${type}:${action}`));
    if (!due.length) continue;
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type }, populate: { permissions: { select: ['action'] } } });
    if (!role) continue;
    const has = held(role);
    for (const action of due.filter((candidate) => !has.has(candidate))) {
      await strapi.documents('plugin::users-permissions.permission' as any).create({ data: { action, role: role.id } as any });
    }
    for (const action of due) granted.add(`user:${type}:${action}`);
  }

  await store.set({ value: [...granted] });
}

/**
 * The (role, action) pairs already given. Earlier versions remembered whole roles (`{ admin: [codes], user: [types] }`):
 * a role remembered so had every action of today's list given then.
 */
function remembered(value: Remembered, grants: Grants): Set<string> {
  if (Array.isArray(value)) return new Set(value);
  const pairs = new Set<string>();
  for (const code of value?.admin ?? []) for (const action of grants.admin?.[code] ?? []) pairs.add(`admin:${code}:${action}`);
  for (const type of value?.user ?? []) for (const action of grants.user?.[type] ?? []) pairs.add(`user:${type}:${action}`);
  return pairs;
}
