import type { Core } from '@strapi/strapi';

/**
 * Development only: an admin account for the coordination office, so a newcomer can sign in right after
 * `npm run develop`. Never created outside development; the sign-in is printed on every start.
 */
export const DEV_OFFICE_ADMIN = {
  email: 'office@lanshan.local',
  password: process.env.DEMO_ADMIN_PASSWORD || 'Lanshan-Demo-2026',
  firstname: '协调办',
  lastname: '管理员',
};

export const isDevelopment = () => process.env.NODE_ENV === 'development';

export async function ensureDevAccounts(strapi: Core.Strapi) {
  if (!isDevelopment()) return;
  const existing = await strapi.db.query('admin::user').findOne({ where: { email: DEV_OFFICE_ADMIN.email } });
  if (!existing) {
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    await strapi.service('admin::user').create({
      ...DEV_OFFICE_ADMIN,
      isActive: true,
      registrationToken: null,
      roles: [superAdmin.id],
    });
  }
  const unchanged =
    !existing || (await strapi.service('admin::auth').validatePassword(DEV_OFFICE_ADMIN.password, existing.password));
  const announce = () =>
    strapi.log.info(
      `[演示账号 / demo sign-in] http://localhost:${strapi.config.get('server.port')}/admin  ${DEV_OFFICE_ADMIN.email} / ` +
        (unchanged ? DEV_OFFICE_ADMIN.password : '（密码已修改 / password was changed）')
    );
  // Printed once the server listens, after Strapi's own banner, where a newcomer looks.
  strapi.server.httpServer.once('listening', () => setImmediate(announce));
}
