import type { Core } from '@strapi/strapi';

/**
 * Development only: one admin account per kind of person — the coordination office, a department, a town and a
 * district leader — so a newcomer can sign in right after `npm run develop` and see the same platform through each
 * bureau's eyes. Never created outside development; the sign-ins are printed on every start.
 */
interface DevAccount {
  email: string;
  firstname: string;
  lastname: string;
  /** Admin role code (seeded by the bureau-views plugin). */
  role: 'office' | 'department' | 'town' | 'leader';
  /** The bureau the person belongs to (人员归属), by code. */
  bureau?: string;
  label: string;
}

const PASSWORD = () => process.env.DEMO_ADMIN_PASSWORD || 'Lanshan-Demo-2026';

export const DEV_ACCOUNTS: DevAccount[] = [
  { email: 'office@lanshan.local', firstname: '协调办', lastname: '管理员', role: 'office', bureau: 'office', label: '办公室' },
  { email: 'department@lanshan.local', firstname: '区自然资源局', lastname: '经办人', role: 'department', bureau: 'natural-resources', label: '区直部门（区自然资源局）' },
  { email: 'town@lanshan.local', firstname: '义堂镇', lastname: '经办人', role: 'town', bureau: 'sample-yitang', label: '镇街（义堂镇）' },
  { email: 'leader@lanshan.local', firstname: '区领导', lastname: '（只读）', role: 'leader', label: '区领导（只读）' },
];

export const isDevelopment = () => process.env.NODE_ENV === 'development';

const MEMBERSHIP = 'plugin::bureau-views.membership';

async function ensureAccount(strapi: Core.Strapi, account: DevAccount): Promise<boolean> {
  const existing = await strapi.db.query('admin::user').findOne({ where: { email: account.email } });
  if (existing) return strapi.service('admin::auth').validatePassword(PASSWORD(), existing.password);
  const role = await strapi.db.query('admin::role').findOne({ where: { code: account.role } });
  // the office's account is also a super admin: the one who may change everything, roles included
  const roles = account.role === 'office' ? [(await strapi.service('admin::role').getSuperAdmin()).id, role?.id] : [role?.id];
  const user = await strapi.service('admin::user').create({
    email: account.email,
    firstname: account.firstname,
    lastname: account.lastname,
    password: PASSWORD(),
    isActive: true,
    registrationToken: null,
    roles: roles.filter(Boolean),
  });
  const bureau = account.bureau ? await strapi.db.query('api::bureau.bureau').findOne({ where: { code: account.bureau } }) : null;
  if (bureau) await strapi.documents(MEMBERSHIP as any).create({ data: { user: user.id, bureau: bureau.id, note: '演示账号' } as any });
  return true;
}

export async function ensureDevAccounts(strapi: Core.Strapi) {
  if (!isDevelopment()) return;
  const lines: string[] = [];
  for (const account of DEV_ACCOUNTS) {
    const unchanged = await ensureAccount(strapi, account);
    lines.push(`  ${account.label.padEnd(14, '　')} ${account.email} / ${unchanged ? PASSWORD() : '（密码已修改 / password was changed）'}`);
  }
  const announce = () =>
    strapi.log.info(
      `[演示账号 / demo sign-ins] http://localhost:${strapi.config.get('server.port')}/admin\n${lines.join('\n')}`
    );
  // Printed once the server listens, after Strapi's own banner, where a newcomer looks.
  strapi.server.httpServer.once('listening', () => setImmediate(announce));
}
