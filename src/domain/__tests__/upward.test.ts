import { createHmac } from 'node:crypto';
import {
  afterAttempt,
  backoffSeconds,
  buildPayload,
  checkUrl,
  creditData,
  flattenData,
  projectData,
  sign,
  triggerKey,
  upwardEvents,
  verifySignature,
} from '../upward';

const project = {
  id: 7,
  documentId: 'p7doc',
  code: 'LS-2026-0007',
  name: '智能装备产业园项目',
  category: 'key_provincial_municipal',
  stage: 'reported_to_city',
  plannedInvestment: '120000.50',
  landArea: 300,
  plannedStartDate: '2026-12-01',
  applicantBureau: { id: 3, code: 'sample-yitang', name: '义堂镇（示例）' },
  enterprise: { id: 4, name: '临沂某某装备有限公司', creditCode: '91371302000000001X' },
  light: 'green',
};

describe('which writes are reported to the city', () => {
  it('a project is reported when it enters reported_to_city, not when it is saved again there or moves on', () => {
    expect(upwardEvents('project', { stage: 'in_library' }, { stage: 'reported_to_city' })).toEqual(['project_reported_to_city']);
    expect(upwardEvents('project', null, { stage: 'reported_to_city' })).toEqual(['project_reported_to_city']);
    expect(upwardEvents('project', { stage: 'reported_to_city' }, { stage: 'reported_to_city' })).toEqual([]);
    expect(upwardEvents('project', { stage: 'in_library' }, { stage: 'started' })).toEqual([]);
  });

  it('a problem is reported when a city-level problem is escalated', () => {
    expect(upwardEvents('problem', { state: 'assigned', level: 'city' }, { state: 'escalated', level: 'city' })).toEqual(['problem_escalated']);
    expect(upwardEvents('problem', { state: 'escalated', level: 'city' }, { state: 'escalated', level: 'city' })).toEqual([]);
    expect(upwardEvents('problem', { state: 'reported', level: 'district' }, { state: 'resolving', level: 'city' })).toEqual([]);
  });

  it('a credit record is reported when it blacklists and again when the blacklisting is repaired; a record that does not blacklist is not', () => {
    expect(upwardEvents('credit_record', null, { blacklist: true })).toEqual(['credit_blacklisted']);
    expect(upwardEvents('credit_record', { blacklist: false }, { blacklist: true })).toEqual(['credit_blacklisted']);
    expect(upwardEvents('credit_record', { blacklist: true }, { blacklist: true, repairedAt: '2026-11-20' })).toEqual(['credit_repaired']);
    expect(upwardEvents('credit_record', { blacklist: true, repairedAt: '2026-11-20' }, { blacklist: true, repairedAt: '2026-11-21' })).toEqual([]);
    expect(upwardEvents('credit_record', null, { blacklist: false, repairedAt: '2026-11-20' })).toEqual([]);
  });

  it('one key per record and event, so the same event never makes a second report; a report by hand has its own', () => {
    expect(triggerKey('project', 'abc', 'project_reported_to_city')).toBe(triggerKey('project', 'abc', 'project_reported_to_city'));
    expect(triggerKey('credit_record', 'abc', 'credit_blacklisted')).not.toBe(triggerKey('credit_record', 'abc', 'credit_repaired'));
    expect(triggerKey('project', 'abc', 'manual', 'r1')).not.toBe(triggerKey('project', 'abc', 'manual', 'r2'));
  });
});

describe('payloads', () => {
  it('a project payload has stable English names, enum codes and numbers, not the Chinese labels', () => {
    const payload = buildPayload(
      { reportId: 'r-1', target: 'city_project_library', event: 'project_reported_to_city', subject: 'project', occurredAt: '2026-11-26T01:00:00.000Z' },
      project
    );
    expect(payload).toMatchObject({
      schema: 'lanshan.upward-report/1',
      reportId: 'r-1',
      target: 'city_project_library',
      event: 'project_reported_to_city',
      subject: { type: 'project', documentId: 'p7doc' },
      data: {
        code: 'LS-2026-0007',
        name: '智能装备产业园项目',
        category: 'key_provincial_municipal',
        stage: 'reported_to_city',
        plannedInvestment: 120000.5,
        landArea: 300,
        plannedStartDate: '2026-12-01',
        applicantBureau: { code: 'sample-yitang', name: '义堂镇（示例）' },
        enterprise: { name: '临沂某某装备有限公司', creditCode: '91371302000000001X' },
      },
    });
    // internal fields stay home
    expect(payload.data).not.toHaveProperty('id');
    expect(payload.data).not.toHaveProperty('light');
    expect(JSON.stringify(payload)).not.toContain('重点项目');
  });

  it('the payload shape does not depend on which fields are filled', () => {
    expect(Object.keys(projectData({ documentId: 'x' }))).toEqual(Object.keys(projectData(project)));
    expect(creditData({ documentId: 'c', blacklist: 1 })).toMatchObject({ blacklist: true, enterprise: null, repairedAt: null });
  });

  it('flattens data into export columns with dotted names', () => {
    expect(flattenData({ name: 'a', enterprise: { name: 'b', creditCode: null }, tags: [1, 2], urgent: false })).toEqual([
      ['name', 'a'],
      ['enterprise.name', 'b'],
      ['enterprise.creditCode', null],
      ['tags', '[1,2]'],
      ['urgent', false],
    ]);
  });
});

describe('signature', () => {
  const secret = 'a-shared-secret-of-the-city';
  const body = JSON.stringify({ reportId: 'r-1', data: { name: '项目' } });

  it('is sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>', () => {
    const expected = createHmac('sha256', secret).update(`1764118800.${body}`).digest('hex');
    expect(sign(secret, '1764118800', body)).toBe(`sha256=${expected}`);
  });

  it('verifies with the same secret, timestamp and body only', () => {
    const header = sign(secret, '1764118800', body);
    expect(verifySignature(secret, '1764118800', body, header)).toBe(true);
    expect(verifySignature('another-secret-entirely', '1764118800', body, header)).toBe(false);
    expect(verifySignature(secret, '1764118801', body, header)).toBe(false);
    expect(verifySignature(secret, '1764118800', body.replace('项目', '项'), header)).toBe(false);
    expect(verifySignature(secret, '1764118800', body, undefined)).toBe(false);
  });
});

describe('retries', () => {
  const settings = { maxAttempts: 4, backoffSeconds: 60 };
  const now = new Date('2026-11-26T00:00:00Z');

  it('waits base, 2 × base, 4 × base … at most a day', () => {
    expect([1, 2, 3, 4].map((n) => backoffSeconds(n, 60))).toEqual([60, 120, 240, 480]);
    expect(backoffSeconds(40, 60)).toBe(86400);
  });

  it('a 2xx delivers; a failure waits for the next attempt; the last failure gives up', () => {
    expect(afterAttempt(1, { ok: true }, settings, now)).toEqual({ state: 'delivered', nextAttemptAt: null });
    expect(afterAttempt(2, { ok: false, status: 500 }, settings, now)).toEqual({ state: 'pending', nextAttemptAt: new Date('2026-11-26T00:02:00Z') });
    expect(afterAttempt(4, { ok: false, status: 500 }, settings, now)).toEqual({ state: 'failed', nextAttemptAt: null });
  });
});

describe('receiver addresses', () => {
  it('accepts http(s) URLs and names what is wrong with others', () => {
    expect(checkUrl('https://city.example.gov.cn/api/reports', true)).toBeNull();
    expect(checkUrl('http://127.0.0.1:8080/in', true)).toBeNull();
    expect(checkUrl('', false)).toBeNull();
    expect(checkUrl('', true)).toBe('required');
    expect(checkUrl('ftp://city.example/x', false)).toBe('scheme');
    expect(checkUrl('not a url', false)).toBe('invalid');
    expect(checkUrl('https://user:pw@city.example/x', false)).toBe('invalid');
  });
});
