import { bureau, create, expectFieldError, type Json, rest, unique, update } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';
import {
  beforeDue,
  dateFromToday,
  DELIVERY,
  fakeWallClock,
  kinds,
  LEAD_SECONDS,
  rows,
  setEnv,
  smtpReceiver,
  useSecondsRule,
  waitFor,
} from './helpers';

const SMTP_USER = 'deadlines@lanshan.test';
const SMTP_PASSWORD = 'Smtp-Password-2026';
const FROM = 'lanshan-platform@lanshan.test';
const NATURAL_RESOURCES = 'zrzyj@lanshan.test';
const OFFICE = 'ldxzbgs@lanshan.test';

/**
 * Deadline notices by e-mail through Strapi's email plugin and its nodemailer provider, to a real SMTP server this
 * file starts on 127.0.0.1 (with AUTH). SMTP_HOST and SMTP_PORT are set before Strapi boots, so config/plugins.ts
 * configures the provider; a bureau with an address gets one message per delivery, a bureau without one gets none.
 * The wall clock is set a few seconds before the tasks' due instant (see ./helpers.ts); everything else is real.
 */
describe('deadline notices by e-mail (SMTP)', () => {
  const restoreEnv = setEnv({ REDIS_URL: undefined, DEADLINES_RECONCILE_SECONDS: '1' });
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  let restoreSmtpEnv: () => void = () => undefined;

  // declared before useStrapi(): the server listens, and the environment names it, before Strapi reads its config
  beforeAll(async () => {
    smtp = await smtpReceiver({ user: SMTP_USER, pass: SMTP_PASSWORD });
    restoreSmtpEnv = setEnv({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_SECURE: 'false',
      SMTP_USERNAME: SMTP_USER,
      SMTP_PASSWORD,
      EMAIL_FROM: `兰山区重大项目落地服务平台 <${FROM}>`,
    });
  });

  const app = useStrapi();
  const db = rows(app);
  const scheduler = () => app.strapi.plugin('deadlines').service('scheduler');
  let rule: Json;
  let withAddress: Json;
  let withoutAddress: Json;

  beforeAll(async () => {
    expect(app.strapi.config.get('plugin::email.provider')).toBe('nodemailer');
    rule = await useSecondsRule(app);
    withAddress = await bureau(app, 'natural-resources');
    withoutAddress = await bureau(app, 'commerce');
    fakeWallClock(beforeDue(dateFromToday(10), 60));
  });

  afterAll(async () => {
    jest.useRealTimers();
    await smtp?.close();
    restoreSmtpEnv();
    restoreEnv();
  });

  const task = async (date: string, responsible: Json, title = unique('协调用地-')) => {
    const record = await create(app, 'tasks', { title, deadline: date, responsibleBureau: responsible.documentId });
    return db.deadlineOf(record.documentId, rule.id);
  };
  /** The messages about this file's tasks (the rule's label is 测试事项; the units' monthly reports fall due meanwhile too). */
  const ours = () => smtp.received.filter((mail) => mail.subject.includes('测试事项'));
  const mailTo = (address: string) => ours().filter((mail) => mail.rcptTo.includes(address));
  const delivered = (id: number, count: number) => async () => (await db.notificationsOf(id)).length >= count;

  it('a bureau’s e-mail address is an optional field, checked and named 电子邮箱 when wrong', async () => {
    const refused = await rest(app).put(`/api/bureaus/${withAddress.documentId}`, { email: '不是邮箱地址' });
    expectFieldError(refused, 'api::bureau.bureau', 'email');
    expect((await update(app, 'bureaus', withAddress.documentId, { email: NATURAL_RESOURCES })).email).toBe(NATURAL_RESOURCES);
    expect((await bureau(app, 'commerce')).email ?? null).toBeNull();
  });

  it('each delivery to a bureau with an address sends it one message with the notice’s Chinese subject; a bureau without one gets none', async () => {
    const date = dateFromToday(11);
    jest.setSystemTime(beforeDue(date, LEAD_SECONDS));
    const mailed = await task(date, withAddress, '协调用地 <b>加急</b>');
    const unmailed = await task(date, withoutAddress);

    await waitFor('both tasks’ reminder, overdue notice and escalation', async () => (await delivered(mailed.id, 3)()) && (await delivered(unmailed.id, 3)()));
    await scheduler().reconcile();
    await scheduler().drain();
    expect(kinds(await db.deliveriesOf(mailed.id))).toEqual({ reminder: 1, overdue: 1, escalation: 1 });
    expect(kinds(await db.deliveriesOf(unmailed.id))).toEqual({ reminder: 1, overdue: 1, escalation: 1 });

    // the reminder and the overdue notice go to the responsible bureau; the escalation goes to the office, which has no address yet
    const subjects = mailTo(NATURAL_RESOURCES).map((mail) => mail.subject).sort();
    expect(subjects).toEqual([`区自然资源局 测试事项 将于 ${date} 到期`, '区自然资源局 测试事项 已逾期'].sort());
    for (const mail of mailTo(NATURAL_RESOURCES)) {
      expect(mail.rcptTo).toEqual([NATURAL_RESOURCES]);
      expect(mail.mailFrom).toBe(FROM);
      expect(mail.headers.from).toContain('兰山区重大项目落地服务平台');
      expect(mail.user).toBe(SMTP_USER);
      // the message names the task; its title is shown as text, never as markup, in the HTML part
      expect(mail.parts['text/plain']).toContain('「协调用地 <b>加急</b>」测试事项：当日办结');
      expect(mail.parts['text/html']).toContain('「协调用地 &lt;b&gt;加急&lt;/b&gt;」');
      expect(mail.parts['text/html']).not.toContain('<b>');
    }
    // nothing for 区商务局 (no address), for anything of theirs, nor for the office
    expect(smtp.received.filter((mail) => mail.subject.includes('区商务局'))).toEqual([]);
    expect(ours()).toHaveLength(2);
  });

  it('an escalation to the office goes by e-mail once the office has an address', async () => {
    const office = await bureau(app, 'office');
    await update(app, 'bureaus', office.documentId, { email: OFFICE });
    const before = ours().length;
    const date = dateFromToday(12);
    jest.setSystemTime(beforeDue(date, LEAD_SECONDS));
    const deadline = await task(date, withAddress);

    await waitFor('the reminder, overdue notice and escalation', delivered(deadline.id, 3));
    await scheduler().reconcile();
    await scheduler().drain();
    expect(await db.countOf(DELIVERY, { deadline: { id: deadline.id } })).toBe(3);

    const sent = ours().slice(before);
    expect(sent).toHaveLength(3);
    expect(sent.filter((mail) => mail.rcptTo.includes(NATURAL_RESOURCES))).toHaveLength(2);
    const escalation = sent.filter((mail) => mail.rcptTo.includes(OFFICE));
    expect(escalation).toHaveLength(1);
    expect(escalation[0].subject).toMatch(/^督办：区自然资源局 测试事项 已逾期/);
  });
});
