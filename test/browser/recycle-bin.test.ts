import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, eventually, openAsOffice, screenshot, step } from '../helpers/browser';
import { create, read, rest, unique, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

/**
 * 回收站 in the admin panel, in Chromium: the office finds a deleted record by name, restores it with 恢复, and the
 * record is back with its relations; the page says who restored it.
 */
describeInBrowser('回收站 in the admin panel (Chromium)', () => {
  const app = useStrapi();
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let project: Json;
  let problem: Json;

  beforeAll(async () => {
    project = await create(app, 'projects', { name: unique('回收站浏览器项目-'), category: 'general' });
    problem = await create(app, 'problems', { project: project.documentId, category: 'land_supply', title: unique('回收站浏览器问题-'), description: '用地指标不足' });
    expect((await rest(app).del(`/api/problems/${problem.documentId}`)).status).toBe(204);
    ({ baseUrl, browser, page, pageErrors } = await openAsOffice(app, '回收'));
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
  });

  it('finds the deleted problem by name and restores it', async () => {
    await step(page, 'recycle-bin', async () => {
      await page.goto(`${baseUrl}/admin/plugins/dispatch/recycle-bin`);
      await page.getByRole('link', { name: '回收站' }).first().waitFor();
      await page.getByPlaceholder('按名称或文档编号搜索').fill(problem.title);
      await page.getByRole('button', { name: '搜索', exact: true }).click();
      const row = page.locator('tbody tr', { hasText: problem.title });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain('困难问题');
      expect(text).toContain('可恢复');
      await screenshot(page, 'recycle-bin');
      await row.getByRole('button', { name: '恢复' }).click();
      await page.getByRole('status').filter({ hasText: '已恢复 1 条记录' }).waitFor();
      await eventually(async () => expect(await row.innerText()).toMatch(/已于 .* 由后台用户 回收协调办.*恢复/));
      await screenshot(page, 'recycle-bin-restored');
    });
    const back = await read(app, 'problems', problem.documentId, 'populate=project');
    expect(back).toMatchObject({ title: problem.title, project: { documentId: project.documentId } });
    expect(pageErrors).toEqual([]);
  });
});
