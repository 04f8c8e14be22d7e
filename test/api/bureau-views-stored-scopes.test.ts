import { adminActor, idsOf, restActor, totalOf, type AdminActor, type RestActor } from '../helpers/bureaus';
import { bureau, create, createProject, rest, unique, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const PROJECT = 'api::project.project';
const TASK = 'api::task.task';
const SETS = 'bureau_scope_sets';
const GENERATIONS = 'bureau_scope_generations';

/**
 * A bureau's projects are kept as a stored set (bureau-views README, "Stored scopes"): whatever changes which
 * projects a bureau reaches — a project filed, a task assigned or reassigned, an item deleted, through the REST API,
 * the admin panel or the platform's own code — shows in that bureau's very next list, and a write that rolls back
 * leaves the lists as they were. The generation in the database, not any process's memory, says which set is current.
 */
describe('bureau-views: stored project scopes stay true to every write', () => {
  const app = useStrapi();
  let town: Json;
  let other: Json;
  let townUser: RestActor;
  let officeAdmin: AdminActor;
  let townAdmin: AdminActor;
  let project: Json;

  const knex = () => app.strapi.db.connection;
  const generation = async () => Number((await knex()(GENERATIONS).where({ name: 'scope' }).first())?.value);
  /** The documentIds of every project the town user lists, and the list's total. */
  async function townProjects(): Promise<{ ids: string[]; total: number | undefined }> {
    const res = await townUser.get('/api/projects?pagination[pageSize]=100&sort=id:asc');
    expect(res.status).toBe(200);
    return { ids: idsOf(res.body), total: totalOf(res.body) };
  }
  const sees = async (documentId: string) => (await townProjects()).ids.includes(documentId);

  beforeAll(async () => {
    [town, other] = await Promise.all([bureau(app, 'sample-yitang'), bureau(app, 'sample-baishabu')]);
    townUser = await restActor(app, 'town', town, 'stored-scope town user');
    officeAdmin = await adminActor(app, 'office', null, '存储范围办公室');
    townAdmin = await adminActor(app, 'town', town, '存储范围镇街');
    // another bureau's project: the town reaches it only through the items below
    project = await createProject(app, { name: unique('存储范围-'), applicantBureau: other.documentId });
  });

  afterAll(async () => {
    await app.strapi.plugin('traffic-lights').service('tracker').idle();
  });

  it('a task that names the town as co-bureau brings the project into its very next list; deleting the task takes it out', async () => {
    expect(await sees(project.documentId)).toBe(false);
    const before = await townProjects();
    const task = await create(app, 'tasks', { title: unique('协办-'), deadline: '2027-03-31', project: project.documentId, responsibleBureau: other.documentId, coBureaus: [town.documentId] });
    const after = await townProjects();
    expect(after.ids).toContain(project.documentId);
    expect(after.total).toBe((before.total ?? 0) + 1);
    const res = await rest(app).del(`/api/tasks/${task.documentId}`);
    expect([200, 204]).toContain(res.status);
    const gone = await townProjects();
    expect(gone.ids).not.toContain(project.documentId);
    expect(gone.total).toBe(before.total);
  });

  it('a task reassigned to the town in the content manager, and away again: each list follows at once', async () => {
    const task = await create(app, 'tasks', { title: unique('改派-'), deadline: '2027-03-31', project: project.documentId, responsibleBureau: other.documentId });
    expect(await sees(project.documentId)).toBe(false);
    const toTown = await officeAdmin.update(TASK, task.documentId, { responsibleBureau: { set: [{ documentId: town.documentId }] } });
    expect(toTown.status).toBe(200);
    expect(await sees(project.documentId)).toBe(true);
    // the same project through the town user's findOne and as a populated relation of the task
    expect((await townUser.get(`/api/projects/${project.documentId}`)).status).toBe(200);
    const populated = await townUser.get(`/api/tasks/${task.documentId}?populate=project`);
    expect(populated.body.data?.project?.documentId).toBe(project.documentId);
    const away = await officeAdmin.update(TASK, task.documentId, { responsibleBureau: { set: [{ documentId: other.documentId }] } });
    expect(away.status).toBe(200);
    expect(await sees(project.documentId)).toBe(false);
    expect((await townUser.get(`/api/projects/${project.documentId}`)).status).toBe(404);
  });

  it('the town’s admin sees the same in the content manager: its lists and the record follow each reassignment at once', async () => {
    const task = await create(app, 'tasks', { title: unique('后台改派-'), deadline: '2027-03-31', project: project.documentId, responsibleBureau: other.documentId });
    const listed = async (uid: string, documentId: string) => {
      const res = await townAdmin.list(uid);
      expect(res.status).toBe(200);
      return (res.body.results as Json[]).some((row) => row.documentId === documentId);
    };
    // read once, so that what the conditions worked out is in memory when the reassignment comes
    expect(await listed(PROJECT, project.documentId)).toBe(false);
    expect(await listed(TASK, task.documentId)).toBe(false);
    expect((await officeAdmin.update(TASK, task.documentId, { responsibleBureau: { set: [{ documentId: town.documentId }] } })).status).toBe(200);
    expect(await listed(PROJECT, project.documentId)).toBe(true);
    expect(await listed(TASK, task.documentId)).toBe(true);
    expect((await townAdmin.findOne(TASK, task.documentId)).status).toBe(200);
    expect((await officeAdmin.update(TASK, task.documentId, { responsibleBureau: { set: [{ documentId: other.documentId }] } })).status).toBe(200);
    expect(await listed(PROJECT, project.documentId)).toBe(false);
    expect(await listed(TASK, task.documentId)).toBe(false);
    expect((await townAdmin.findOne(TASK, task.documentId)).status).toBe(404);
  });

  it('a project the town files itself is in its list in the same breath, and in the answer to its create', async () => {
    const res = await townUser.post('/api/projects?populate=applicantBureau', { name: unique('自报-'), category: 'general' });
    expect(res.status).toBe(201);
    expect(res.body.data.applicantBureau?.documentId).toBe(town.documentId);
    expect(await sees(res.body.data.documentId)).toBe(true);
  });

  it('the platform’s own write (no request) moves the scope too', async () => {
    const task = await app.strapi.documents(TASK as any).create({
      data: { title: unique('系统派-'), deadline: '2027-03-31', project: project.documentId, responsibleBureau: town.documentId } as any,
    });
    expect(await sees(project.documentId)).toBe(true);
    await app.strapi.documents(TASK as any).delete({ documentId: task.documentId });
    expect(await sees(project.documentId)).toBe(false);
  });

  it('a write rolled back with its transaction changes neither the generation nor any list', async () => {
    expect(await sees(project.documentId)).toBe(false);
    const at = await generation();
    await expect(
      app.strapi.db.transaction(async () => {
        await app.strapi.documents(TASK as any).create({
          data: { title: unique('回滚-'), deadline: '2027-03-31', project: project.documentId, responsibleBureau: town.documentId } as any,
        });
        throw new Error('roll back');
      })
    ).rejects.toThrow('roll back');
    expect(await generation()).toBe(at);
    expect(await sees(project.documentId)).toBe(false);
  });

  it('writes that cannot change a scope (a project’s light, a summary) leave the generation where it was', async () => {
    await townProjects();
    const at = await generation();
    await app.strapi.documents(PROJECT as any).update({ documentId: project.documentId, data: { summary: unique('概况-'), light: 'yellow' } as any });
    await app.strapi.plugin('traffic-lights').service('tracker').idle();
    expect(await generation()).toBe(at);
  });

  it('the generation in the database decides, not the process: a change another instance wrote (link row and generation) is seen', async () => {
    expect(await sees(project.documentId)).toBe(false);
    // what another instance's task create leaves behind: the rows, and the generation moved on in the same transaction
    const task = await create(app, 'tasks', { title: unique('他实例-'), deadline: '2027-03-31', responsibleBureau: other.documentId });
    const taskRow = await app.strapi.db.query(TASK as any).findOne({ where: { documentId: task.documentId }, select: ['id'] });
    const projectRow = await app.strapi.db.query(PROJECT as any).findOne({ where: { documentId: project.documentId }, select: ['id'] });
    expect(await sees(project.documentId)).toBe(false);
    const link = (field: string) => (app.strapi.db.metadata.get(TASK as any).attributes as Json)[field].joinTable;
    const row = (field: string, from: number, to: number) => ({ [link(field).joinColumn.name]: from, [link(field).inverseJoinColumn.name]: to });
    await app.strapi.db.transaction(async ({ trx }) => {
      await trx(link('coBureaus').name).insert(row('coBureaus', taskRow.id, town.id));
      await trx(link('project').name).insert(row('project', taskRow.id, projectRow.id));
      await trx(GENERATIONS).where({ name: 'scope' }).increment('value', 1);
    });
    expect(await sees(project.documentId)).toBe(true);
    await app.strapi.documents(TASK as any).delete({ documentId: task.documentId });
    expect(await sees(project.documentId)).toBe(false);
  });

  it('a set stays for a minute after newer ones (a request that read its generation may still be using it), then is cleaned up', async () => {
    const key = { target: PROJECT, viewer: String(town.id) };
    const generations = async () => (await knex()(SETS).where(key).distinct('generation')).map((row: Json) => Number(row.generation)).sort((a, b) => a - b);
    const flip = async () => {
      const task = await create(app, 'tasks', { title: unique('轮换-'), deadline: '2027-03-31', project: project.documentId, responsibleBureau: town.documentId });
      expect(await sees(project.documentId)).toBe(true);
      await rest(app).del(`/api/tasks/${task.documentId}`);
      expect(await sees(project.documentId)).toBe(false);
    };
    expect(await sees(project.documentId)).toBe(false);
    const first = await generation();
    for (let i = 0; i < 3; i += 1) await flip();
    // six newer sets since, all within the minute: the first is still there, complete
    const kept = await generations();
    expect(kept).toContain(first);
    expect(kept.length).toBeGreaterThanOrEqual(7);
    expect(await knex()(SETS).where({ ...key, generation: first, record: 0 }).first()).toBeTruthy();
    // two minutes later (every set of the town's computed then, two more since): the clean-up that runs with the
    // computing of sets (twice a minute per key) keeps the newest set of two minutes ago and the two after it
    await knex()(SETS).where(key).update({ filled: Date.now() - 120_000 });
    const newest = kept[kept.length - 1];
    await flip();
    await app.strapi.plugin('bureau-views').service('scope').sets.cleanUp(PROJECT, String(town.id));
    const after = await generations();
    expect(after[0]).toBe(newest);
    expect(after.length).toBe(3);
    expect(after[after.length - 1]).toBe(await generation());
    expect(await sees(project.documentId)).toBe(false);
  });
});
