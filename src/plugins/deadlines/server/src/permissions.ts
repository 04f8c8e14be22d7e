import type { Core } from '@strapi/strapi';
import { currentActor } from '../../../../utils/actor';

/**
 * The plugin's admin permissions (设置 → 管理员 → 角色 → 插件 → deadlines). Super admins get them automatically;
 * other roles only when granted. `settings.read` shows the settings pages (rules, working calendar, monthly
 * report status); `settings.update` changes rules, calendar corrections and the calendar's "known until" date.
 */
export const SETTINGS_READ = 'plugin::deadlines.settings.read';
export const SETTINGS_UPDATE = 'plugin::deadlines.settings.update';

export const PERMISSION_ACTIONS = [
  { section: 'plugins', displayName: '查看期限设置（期限规则、工作日历、月度问题报送情况）', uid: 'settings.read', pluginName: 'deadlines' },
  { section: 'plugins', displayName: '修改期限设置（期限规则、节假日调整、日历已知日期）', uid: 'settings.update', pluginName: 'deadlines' },
];

/** In bootstrap, before the admin's own bootstrap hands every action to the super admin role. */
export async function registerPermissionActions(strapi: Core.Strapi) {
  await strapi.service('admin::permission').actionProvider.registerMany(PERMISSION_ACTIONS);
}

/** Route config: a signed-in admin whose roles allow every one of `actions`. */
export const requires = (...actions: string[]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions } }],
});

/**
 * Whether the current caller may change the deadline settings: an admin needs `settings.update` (the content
 * manager's own permission on 期限规则 is not enough); platform code (no request) may; other callers only as the
 * office (a full-access token), as everywhere on the platform.
 */
export function mayChangeSettings(strapi: Core.Strapi): boolean {
  const ctx = strapi.requestContext.get() as any;
  if (ctx?.state?.auth?.strategy?.name === 'admin') return Boolean(ctx.state.userAbility?.can(SETTINGS_UPDATE));
  return currentActor(strapi).isOffice;
}
