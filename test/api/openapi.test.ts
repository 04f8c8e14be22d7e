import { useStrapi } from '../helpers/strapi';

describe('OpenAPI document', () => {
  const app = useStrapi();

  it('documents every record type of the platform, for integrators generating clients', async () => {
    const res = await app.http().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.info.title).toContain('兰山区重大项目落地服务平台');
    const paths = Object.keys(res.body.paths);
    for (const path of [
      '/bureaus',
      '/enterprises',
      '/projects',
      '/projects/{id}',
      '/progress-reports',
      '/pre-assessments',
      '/opinions',
      '/experts',
      '/problems',
      '/problem-lists',
      '/bulletins',
      '/meetings',
      '/minutes',
      '/tasks',
      '/pledges',
      '/responsibility-matrix',
      '/finance-indicators',
      '/finance-warning-rules',
      '/finance-warnings',
    ]) {
      expect(paths).toContain(path);
    }
  });
});
