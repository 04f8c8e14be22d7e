/**
 * The plugin's admin permissions (registered by the server in bootstrap). A settings link with `permissions` shows
 * for admins having any one of them; the server checks them again on every request.
 */
export const PERMISSIONS = {
  /** 查看期限设置: the rules, the working calendar and the monthly report status pages. */
  read: [{ action: 'plugin::deadlines.settings.read', subject: null }],
  /** 修改期限设置: rules, calendar corrections and the calendar's known-until date. */
  update: [{ action: 'plugin::deadlines.settings.update', subject: null }],
  /** Strapi's own webhook permissions: the Webhook 订阅 page lists webhooks (read) and saves their events (update). */
  webhooksRead: [{ action: 'admin::webhooks.read', subject: null }],
  webhooksUpdate: [{ action: 'admin::webhooks.update', subject: null }],
};
