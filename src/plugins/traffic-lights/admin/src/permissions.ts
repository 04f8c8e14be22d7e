/**
 * The plugin's admin permissions (registered by the server in bootstrap). A link with `permissions` shows for
 * admins having any one of them; the server checks them again on every request.
 */
export const PERMISSIONS = {
  /** 查看亮灯管理: the dashboard (the server scopes its projects and units to the admin's bureaus). */
  dashboard: [{ action: 'plugin::traffic-lights.dashboard.read', subject: null }],
  /** 查看亮灯规则 */
  settingsRead: [{ action: 'plugin::traffic-lights.settings.read', subject: null }],
  /** 修改亮灯规则 */
  settingsUpdate: [{ action: 'plugin::traffic-lights.settings.update', subject: null }],
};
