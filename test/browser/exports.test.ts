import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, openAsOffice, screenshot, step } from '../helpers/browser';
import { bureau, create, unique, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

/**
 * 导出 in the admin panel, in Chromium: the office exports the ledger from the project list and a minute from its
 * edit view; the files arrive with their Chinese names and open with exceljs / jszip.
 */
describeInBrowser('导出 buttons in the content manager (Chromium)', () => {
  const app = useStrapi();
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let projects: Json[];
  let minute: Json;

  beforeAll(async () => {
    const town = await bureau(app, 'sample-yitang');
    projects = [];
    for (const name of ['导出测试产业园', '导出测试物流中心']) {
      projects.push(await create(app, 'projects', { name: unique(`${name}-`), category: 'general', applicantBureau: town.documentId, plannedInvestment: 1000 }));
    }
    const meeting = await create(app, 'meetings', { type: 'special_consultation', title: '导出测试专题会商', heldAt: new Date().toISOString(), state: 'held' });
    minute = await create(app, 'minutes', { meeting: meeting.documentId, title: '导出测试会商纪要', number: unique('兰重项纪〔2026〕') });
    await create(app, 'tasks', { title: '出具规划条件', minute: minute.documentId, responsibleBureau: town.documentId, deadline: '2026-12-31' });

    ({ baseUrl, browser, page, pageErrors } = await openAsOffice(app, '导出'));
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
  });

  /** Clicks the export button and returns the downloaded file's name and bytes. */
  async function exported(): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-testid="dispatch-export"]')]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  it('exports the ledger from the project list', async () => {
    await step(page, 'export-ledger', async () => {
      await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::project.project`);
      await page.waitForSelector('table tbody tr');
      await page.waitForSelector('[data-testid="dispatch-export"]');
      expect((await page.locator('[data-testid="dispatch-export"]').innerText()).trim()).toBe('导出台账');
      await screenshot(page, 'export-ledger-button');
      const file = await exported();
      expect(file.name).toMatch(/^兰山区重大项目台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.bytes as any);
      const text = JSON.stringify(book.worksheets[0].getSheetValues());
      for (const project of projects) expect(text).toContain(project.name);
    });
    expect(pageErrors).toEqual([]);
  });

  it('exports a minute as a Word document from its edit view', async () => {
    await step(page, 'export-minute', async () => {
      await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::minute.minute/${minute.documentId}`);
      await page.waitForSelector('[data-testid="dispatch-export"]');
      expect((await page.locator('[data-testid="dispatch-export"]').innerText()).trim()).toBe('导出纪要（Word）');
      await screenshot(page, 'export-minute-button');
      const file = await exported();
      expect(file.name).toBe(`${minute.number}.docx`);
      const xml = await (await JSZip.loadAsync(file.bytes)).file('word/document.xml')!.async('string');
      expect(xml).toContain('导出测试会商纪要');
      expect(xml).toContain('出具规划条件');
    });
  });

  it('exports a 督办单 as a Word document from its edit view', async () => {
    await step(page, 'export-supervision-notice', async () => {
      const town = await bureau(app, 'sample-yitang');
      const notice = await create(app, 'supervision-notices', { bureau: town.documentId, project: projects[0].documentId, issue: '导出测试：项目用地手续未按期办结', replyWorkingDays: 3 });
      await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::supervision-notice.supervision-notice/${notice.documentId}`);
      await page.waitForSelector('[data-testid="dispatch-export"]');
      expect((await page.locator('[data-testid="dispatch-export"]').innerText()).trim()).toBe('导出督办单（Word）');
      const file = await exported();
      expect(file.name).toMatch(/\.docx$/);
      expect(file.name).toContain(notice.number);
      const xml = await (await JSZip.loadAsync(file.bytes)).file('word/document.xml')!.async('string');
      const text = xml.replace(/<[^>]+>/g, '');
      for (const expected of ['督办单', notice.number, '导出测试：项目用地手续未按期办结']) expect(text).toContain(expected);
    });
  });

  it('shows no export button where there is nothing to export', async () => {
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::task.task`);
    await page.waitForSelector('table tbody tr');
    expect(await page.locator('[data-testid="dispatch-export"]').count()).toBe(0);
  });
});
