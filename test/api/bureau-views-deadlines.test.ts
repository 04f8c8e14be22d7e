import { useStrapi } from '../helpers/strapi';
import { bureau, create, type Json, unique } from '../helpers/fixtures';
import { adminActor, type AdminActor, idsOf, sorted, totalOf } from '../helpers/bureaus';

const DEADLINE = 'plugin::deadlines.deadline';
const NOTIFICATION = 'plugin::deadlines.notification';
const EXTENSION = 'plugin::deadlines.extension';
const TASK = 'api::task.task';

/**
 * The deadline plugin's own records through the same scope: a department admin sees the deadlines, reminders and
 * extension requests of its bureau — in the content manager and in 我的待办 — and another bureau's answer 404.
 */
describe('bureau-views: deadlines, reminders and extensions per bureau', () => {
  const app = useStrapi();
  const tasks: Record<'finance' | 'commerce', Json> = {} as any;
  const deadlines: Record<'finance' | 'commerce', Json> = {} as any;
  const notifications: Record<'finance' | 'commerce', Json> = {} as any;
  let finance: AdminActor;

  beforeAll(async () => {
    const { strapi } = app;
    for (const code of ['finance', 'commerce'] as const) {
      const responsible = await bureau(app, code);
      tasks[code] = await create(app, 'tasks', { title: unique(`${code} 事项-`), deadline: '2027-06-30', responsibleBureau: responsible.documentId });
      deadlines[code] = await strapi.db.query(DEADLINE).findOne({ where: { targetUid: TASK, targetDocumentId: tasks[code].documentId } });
      notifications[code] = await strapi.documents(NOTIFICATION as any).create({
        data: { bureau: responsible.id, deadline: deadlines[code].id, kind: 'reminder', title: `${code} 提醒`, message: '即将到期' } as any,
      });
    }
    finance = await adminActor(app, 'department', await bureau(app, 'finance'), '区财政局');
  });

  /** What the platform keeps for a bureau (deadlines of its tasks and of the monthly report it owes, their reminders). */
  const recordsOf = async (uid: string, code: string, where: Json = {}) =>
    sorted((await app.strapi.db.query(uid).findMany({ where: { ...where, bureau: { code } }, select: ['documentId'] })).map((row) => row.documentId));
  const deadlinesOf = (code: string, where: Json = {}) => recordsOf(DEADLINE, code, where);

  it('lists and counts only its own bureau’s deadlines and reminders in the content manager', async () => {
    const expected = await deadlinesOf('finance');
    expect(expected).toContain(deadlines.finance.documentId);
    const own = await finance.list(DEADLINE);
    expect(own.status).toBe(200);
    expect(idsOf(own.body)).toEqual(expected);
    expect(totalOf(own.body)).toBe(expected.length);
    expect(idsOf(own.body)).not.toContain(deadlines.commerce.documentId);
    const reminders = await finance.list(NOTIFICATION);
    expect(idsOf(reminders.body)).toEqual(await recordsOf(NOTIFICATION, 'finance'));
    expect(idsOf(reminders.body)).toContain(notifications.finance.documentId);
    expect(idsOf(reminders.body)).not.toContain(notifications.commerce.documentId);
  });

  it('another bureau’s deadline and reminder answer 404, and the reminder cannot be marked read', async () => {
    expect((await finance.findOne(DEADLINE, deadlines.commerce.documentId)).status).toBe(404);
    expect((await finance.findOne(NOTIFICATION, notifications.commerce.documentId)).status).toBe(404);
    expect((await finance.post(`/deadlines/notifications/${notifications.commerce.documentId}/read`)).status).toBe(404);
    const stored = await app.strapi.db.query(NOTIFICATION).findOne({ where: { documentId: notifications.commerce.documentId } });
    expect(stored.readAt).toBeNull();
  });

  it('我的待办 shows its own open deadlines and reminders only', async () => {
    const inbox = await finance.get('/deadlines/inbox');
    expect(inbox.status).toBe(200);
    const open = await deadlinesOf('finance', { state: { $in: ['pending', 'overdue'] } });
    expect(open).toContain(deadlines.finance.documentId);
    expect(sorted(inbox.body.data.deadlines.map((d: Json) => d.documentId))).toEqual(open);
    expect(sorted(inbox.body.data.notifications.map((n: Json) => n.documentId))).toEqual(await recordsOf(NOTIFICATION, 'finance'));
  });

  it('an extension request lands in its own bureau, and one for another bureau’s deadline is refused', async () => {
    const cm = `/content-manager/collection-types/${EXTENSION}`;
    const commerce = await bureau(app, 'commerce');
    const own = await finance.post(cm, {
      deadline: { connect: [{ documentId: deadlines.finance.documentId }] },
      requestedBy: { connect: [{ documentId: commerce.documentId }] },
      reason: '资金未到位',
      requestedDueDate: '2027-07-31',
    });
    expect(own.status).toBe(201);
    const stored = await app.strapi.db.query(EXTENSION).findOne({ where: { documentId: own.body.data.documentId }, populate: ['requestedBy'] });
    expect(stored.requestedBy.code).toBe('finance');

    const before = await app.strapi.db.query(EXTENSION).count();
    const foreign = await finance.post(cm, {
      deadline: { connect: [{ documentId: deadlines.commerce.documentId }] },
      reason: '代为申请',
      requestedDueDate: '2027-07-31',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toContain('deadline');
    expect(await app.strapi.db.query(EXTENSION).count()).toBe(before);
  });
});
