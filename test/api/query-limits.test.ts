import { createProject, rest } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

/**
 * What one REST request may ask: a populate deeper than 5 relations, a filter too deep, too large or with a list too
 * long is a 400 naming the parameter in Chinese and English; a page is at most 100 records whatever is asked; a JSON
 * body over the limit is a 413 and writes nothing; the security headers are sent.
 */
describe('bounds of a REST request', () => {
  const app = useStrapi();
  const api = () => rest(app);

  beforeAll(async () => {
    for (let i = 0; i < 3; i += 1) await createProject(app);
  });

  const expectRefused = (res: any, parameter: string) => {
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toContain(`${parameter}：`);
    expect(res.body.error.message).toContain(`/ ${parameter}:`);
    expect(res.body.error.details.errors[0].path).toEqual([parameter]);
  };

  it('refuses a populate deeper than five relations, and serves one of five', async () => {
    const chain = ['preAssessments', 'opinions', 'preAssessment', 'project', 'applicantBureau', 'projects'];
    const nested = (depth: number) => chain.slice(0, depth).reduce((query, relation, index) => `${query}${index ? '[populate]' : ''}[${relation}]`, 'populate') + '=true';
    expectRefused(await api().get(`/api/projects?${nested(6)}`), 'populate');
    expectRefused(await api().get(`/api/projects?populate=${chain.join('.')}`), 'populate');
    const five = await api().get(`/api/projects?${nested(5)}`);
    expect(five.status).toBe(200);
  });

  it('refuses a filter nested too deep, one with too many conditions and one with too long a list', async () => {
    const deep = `filters${'[preAssessments][project]'.repeat(6)}[name][$eq]=x`;
    expectRefused(await api().get(`/api/projects?${deep}`), 'filters');
    const many = Array.from({ length: 201 }, (_, i) => `filters[$or][${i}][name][$eq]=n${i}`).join('&');
    expectRefused(await api().get(`/api/projects?${many}`), 'filters');
    const list = Array.from({ length: 501 }, (_, i) => `filters[id][$in][${i}]=${i + 1}`).join('&');
    expectRefused(await api().get(`/api/projects?${list}`), 'filters');
    const fine = await api().get(`/api/projects?filters[id][$in][0]=1&filters[name][$containsi]=项目`);
    expect(fine.status).toBe(200);
  });

  it('serves at most 100 records a page whatever pageSize is asked', async () => {
    const res = await api().get('/api/bureaus?pagination[pageSize]=100000');
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination.pageSize).toBe(100);
    expect(res.body.data.length).toBeLessThanOrEqual(100);
  });

  it('answers a JSON body over the limit with 413 and writes nothing', async () => {
    const before = (await api().get('/api/projects?pagination[pageSize]=1')).body.meta.pagination.total;
    const res = await app
      .http()
      .post('/api/projects')
      .set('Authorization', await app.token())
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ data: { name: '超大项目', category: 'general', summary: '长'.repeat(1_100_000) } }));
    expect(res.status).toBe(413);
    expect((await api().get('/api/projects?pagination[pageSize]=1')).body.meta.pagination.total).toBe(before);
  });

  it('sends the security headers', async () => {
    const res = await api().get('/api/bureaus');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
