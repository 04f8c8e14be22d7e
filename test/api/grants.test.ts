import { grantOnce } from '../../src/utils/grants';
import { useStrapi } from '../helpers/strapi';

/**
 * The plugins' permissions reach the seeded roles once per (role, action): what the office takes away stays away
 * after a restart, and an action a later version adds still reaches the roles.
 */
describe('permissions given to the seeded roles', () => {
  const app = useStrapi();
  const ROLE = 'plugin::users-permissions.role';
  const PERMISSION = 'plugin::users-permissions.permission';

  const actionsOf = async (type: string): Promise<string[]> => {
    const role = await app.strapi.db.query(ROLE).findOne({ where: { type }, populate: { permissions: { select: ['action'] } } });
    return role.permissions.map((permission: { action: string }) => permission.action);
  };
  const adminActionsOf = async (code: string): Promise<string[]> => {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code }, populate: { permissions: { select: ['action'] } } });
    return role.permissions.map((permission: { action: string }) => permission.action);
  };
  const takeAway = async (type: string, action: string) => {
    const role = await app.strapi.db.query(ROLE).findOne({ where: { type } });
    await app.strapi.db.query(PERMISSION).deleteMany({ where: { role: role.id, action } });
  };

  it('the seeded roles hold the lights’, the dispatch’s and the history’s actions', async () => {
    const office = await actionsOf('office');
    for (const action of ['plugin::traffic-lights.summary.find', 'plugin::dispatch.finance-indicator-import.find', 'plugin::history.changes.find']) {
      expect(office).toContain(action);
    }
    const town = await actionsOf('town');
    expect(town).toContain('plugin::history.records.find');
    expect(town).not.toContain('plugin::history.changes.find');
    expect(await adminActionsOf('office')).toContain('plugin::history.changes.read');
  });

  it('an action the office took away is not given again on the next start; a new one is', async () => {
    await takeAway('leader', 'plugin::traffic-lights.trend.find');
    await app.strapi.plugin('traffic-lights').service('roles').grant();
    expect(await actionsOf('leader')).not.toContain('plugin::traffic-lights.trend.find');

    await grantOnce(app.strapi, 'grants-test', { user: { leader: ['plugin::history.changes.export'] } });
    expect(await actionsOf('leader')).toContain('plugin::history.changes.export');
    await takeAway('leader', 'plugin::history.changes.export');
    await grantOnce(app.strapi, 'grants-test', { user: { leader: ['plugin::history.changes.export', 'plugin::history.changes.find'] } });
    const leader = await actionsOf('leader');
    expect(leader).not.toContain('plugin::history.changes.export');
    expect(leader).toContain('plugin::history.changes.find');
  });

  it('a store written by an earlier version (whole roles remembered) counts as every listed action given', async () => {
    await app.strapi.store({ type: 'plugin', name: 'grants-old', key: 'granted' }).set({ value: { user: ['department'] } });
    await grantOnce(app.strapi, 'grants-old', { user: { department: ['plugin::history.changes.export'], town: ['plugin::history.changes.export'] } });
    expect(await actionsOf('department')).not.toContain('plugin::history.changes.export');
    expect(await actionsOf('town')).toContain('plugin::history.changes.export');
  });
});
