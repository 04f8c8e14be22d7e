import type { Core } from '@strapi/strapi';

/**
 * The plugin's admin permissions (设置 → 管理员 → 角色 → 插件 → traffic-lights): the dashboard, and the rules
 * page to look at and to change. Super admins get them automatically; the seeded roles as granted in roles.ts.
 */
export const DASHBOARD_READ = 'plugin::traffic-lights.dashboard.read';
export const SETTINGS_READ = 'plugin::traffic-lights.settings.read';
export const SETTINGS_UPDATE = 'plugin::traffic-lights.settings.update';

export const PERMISSION_ACTIONS = [
  { section: 'plugins', displayName: '查看亮灯管理（看板、项目亮灯、单位亮灯、趋势）', uid: 'dashboard.read', pluginName: 'traffic-lights' },
  { section: 'plugins', displayName: '查看亮灯规则', uid: 'settings.read', pluginName: 'traffic-lights' },
  { section: 'plugins', displayName: '修改亮灯规则', uid: 'settings.update', pluginName: 'traffic-lights' },
];

export async function registerPermissionActions(strapi: Core.Strapi) {
  await strapi.service('admin::permission').actionProvider.registerMany(PERMISSION_ACTIONS);
}

/** Route config: a signed-in admin whose roles allow every one of `actions`. */
export const requires = (...actions: string[]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions } }],
});
