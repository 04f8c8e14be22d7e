import type { Core } from '@strapi/strapi';

/**
 * The plugin's admin permission (设置 → 管理员 → 角色 → 插件 → history): the office's search and export of every
 * change. One record's history needs no extra permission: whoever may read the record sees it.
 */
export const CHANGES_READ = 'plugin::history.changes.read';

export const PERMISSION_ACTIONS = [
  { section: 'plugins', displayName: '查看、导出全部变更记录（办公室）', uid: 'changes.read', pluginName: 'history' },
];

export async function registerPermissionActions(strapi: Core.Strapi) {
  await strapi.service('admin::permission').actionProvider.registerMany(PERMISSION_ACTIONS);
}

/** Route config: a signed-in admin whose roles allow every one of `actions`. */
export const requires = (...actions: string[]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions } }],
});

/** Route config: any signed-in admin (the handler checks what the record asks). */
export const signedIn = () => ({ policies: ['admin::isAuthenticatedAdmin'] });
