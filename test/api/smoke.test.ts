import { useStrapi } from '../helpers/strapi';

describe('platform smoke', () => {
  const app = useStrapi();

  it('lists the seeded bureaus to an API token', async () => {
    const res = await app.http().get('/api/bureaus?pagination[pageSize]=100').set('Authorization', await app.token());
    expect(res.status).toBe(200);
    expect(res.body.data.map((b: any) => b.name)).toContain('区商务局');
  });

  it('generates a project code', async () => {
    const res = await app
      .http()
      .post('/api/projects')
      .set('Authorization', await app.token())
      .send({ data: { name: '测试项目', category: 'general' } });
    expect(res.status).toBe(201);
    expect(res.body.data.code).toMatch(/^LS-\d{4}-0001$/);
  });

  it('rejects a bad value with a bilingual message', async () => {
    const res = await app
      .http()
      .post('/api/projects')
      .set('Authorization', await app.token())
      .send({ data: { name: '测试项目', plannedInvestment: -1 } });
    console.log(JSON.stringify(res.body));
    const res2 = await app
      .http()
      .post('/api/projects')
      .set('Authorization', await app.token())
      .send({ data: { name: '测试项目', light: 'red' } });
    console.log(JSON.stringify(res2.body));
    expect(res.status).toBe(400);
  });
});
