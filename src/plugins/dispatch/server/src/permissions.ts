import type { Core } from '@strapi/strapi';

/**
 * The plugin's admin permissions (设置 → 管理员 → 角色 → 插件 → dispatch). Super admins get them automatically; the
 * seeded roles as granted in bootstrap/roles.ts. Features added later register theirs in this list.
 */
export const FIGURES_READ = 'plugin::dispatch.figures.read';
export const EXPORTS_READ = 'plugin::dispatch.exports.read';
export const IMPORTS_CREATE = 'plugin::dispatch.imports.create';
export const RECYCLE_BIN_MANAGE = 'plugin::dispatch.recycle-bin.manage';

export const PERMISSION_ACTIONS = [
  { section: 'plugins', displayName: '查看实绩数据（开工率、投资完成率、问题办结率、践诺率、亮灯、排名）', uid: 'figures.read', pluginName: 'dispatch' },
  { section: 'plugins', displayName: '导出台账、问题清单、会商纪要和实绩通报（按本单位可见范围）', uid: 'exports.read', pluginName: 'dispatch' },
  { section: 'plugins', displayName: '导入数据（亩产效益评价、金融预警指标；按本单位职责）', uid: 'imports.create', pluginName: 'dispatch' },
  { section: 'plugins', displayName: '回收站：查看和恢复被删除的业务记录', uid: 'recycle-bin.manage', pluginName: 'dispatch' },
];

export async function registerPermissionActions(strapi: Core.Strapi) {
  await strapi.service('admin::permission').actionProvider.registerMany(PERMISSION_ACTIONS);
}

/** Route config: a signed-in admin whose roles allow every one of `actions`. */
export const requires = (...actions: string[]) => ({
  policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions } }],
});
