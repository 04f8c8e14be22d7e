import { bureau, create, read, update } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const DEADLINE = 'plugin::deadlines.deadline';

/** The deadline engine sees a record as its own rules leave it, within the same write. */
describe('deadlines follow the records as their rules leave them', () => {
  const app = useStrapi();

  it('a problem assigned without an explicit time is stamped now and its lead bureau owes a proposal in 3 working days', async () => {
    const project = await create(app, 'projects', { name: '期限测试项目', category: 'general' });
    const lead = await bureau(app, 'natural-resources');
    const problem = await create(app, 'problems', {
      project: project.documentId,
      category: 'land_supply',
      title: '用地指标不足',
      description: '需要协调新增建设用地指标',
    });
    expect(problem.proposalDueAt).toBeNull();

    const assigned = await update(app, 'problems', problem.documentId, { state: 'assigned', leadBureau: lead.documentId });
    expect(assigned.assignedAt).toBeTruthy();
    const { data } = (await app.http().get(`/api/deadlines/working-days?from=${shanghaiDate(assigned.assignedAt)}&days=3`)).body;
    expect(assigned.proposalDueAt).toBe(data.dueAt);

    const rows = await app.strapi.db
      .query(DEADLINE)
      .findMany({ where: { targetDocumentId: problem.documentId }, populate: ['bureau', 'rule'] });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'pending', bureau: { code: 'natural-resources' }, rule: { key: 'problem-proposal-3-working-days' } });

    const proposed = await update(app, 'problems', problem.documentId, { state: 'proposed', proposal: '由区自然资源局统筹调剂用地指标' });
    expect(proposed.proposalDueAt).toBe(data.dueAt);
    const [after] = await app.strapi.db.query(DEADLINE).findMany({ where: { targetDocumentId: problem.documentId } });
    expect(after.state).toBe('met');
    expect((await read(app, 'problems', problem.documentId))!.state).toBe('proposed');
  });
});

function shanghaiDate(iso: string) {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
