import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, eventually, openAsOffice, screenshot, step } from '../helpers/browser';
import { create, unique, update, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

/**
 * 变更记录 in the admin panel, in Chromium: the edit view's side panel lists a project's changes with Chinese field
 * labels; the office's page finds them and exports them as a workbook.
 */
describeInBrowser('变更记录 in the admin panel (Chromium)', () => {
  const app = useStrapi();
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let project: Json;

  beforeAll(async () => {
    project = await create(app, 'projects', { name: unique('留痕浏览器项目-'), category: 'general' });
    await update(app, 'projects', project.documentId, { summary: '浏览器里看到的概况' });
    ({ baseUrl, browser, page, pageErrors } = await openAsOffice(app, '留痕'));
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
  });

  it('shows a record’s changes beside its edit form', async () => {
    await step(page, 'history-panel', async () => {
      await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::project.project/${project.documentId}`);
      await page.waitForSelector('[data-testid="history-panel"]');
      const entries = page.locator('[data-testid="history-entry"]');
      await eventually(async () => expect(await entries.count()).toBe(2));
      const newest = await entries.nth(0).innerText();
      expect(newest).toContain('修改');
      expect(newest).toContain('REST 接口');
      expect(newest).toContain('项目概况：（空） → 浏览器里看到的概况');
      expect(await entries.nth(1).innerText()).toContain(`项目名称：（空） → ${project.name}`);
      expect(await page.locator('body').innerText()).toContain('变更记录');
      await screenshot(page, 'history-panel');
    });
    expect(pageErrors).toEqual([]);
  });

  it('the office finds the changes on its page and exports them', async () => {
    await step(page, 'history-page', async () => {
      await page.goto(`${baseUrl}/admin/plugins/history?q=${encodeURIComponent(project.name)}`);
      const rows = page.locator('[data-testid="history-row"]');
      await eventually(async () => expect(await rows.count()).toBe(2));
      expect(await rows.nth(0).innerText()).toContain('项目概况：（空） → 浏览器里看到的概况');
      await screenshot(page, 'history-page');
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-testid="history-export"]')]);
      expect(download.suggestedFilename()).toMatch(/^兰山区重大项目落地服务平台变更记录-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.concat(chunks) as any);
      const text = JSON.stringify(book.worksheets[0].getSheetValues());
      expect(text).toContain('浏览器里看到的概况');
      expect(text.match(new RegExp(project.name, 'g'))?.length).toBeGreaterThanOrEqual(2);
    });
    expect(pageErrors).toEqual([]);
  });
});
