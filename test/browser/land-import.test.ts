import path from 'path';
import { writeFile, mkdir } from 'fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { IMPORT_HEADERS } from '../../src/domain/land-import';
import { ARTIFACTS, describeInBrowser, openAsOffice, screenshot, step } from '../helpers/browser';
import { count, create, creditCode, unique, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const PASSWORD = 'Browser-Password-2026';
const LIST = '/admin/content-manager/collection-types/api::land-evaluation.land-evaluation';

/**
 * 导入 on the list of 亩产效益评价, in Chromium: the office uploads a workbook with a bad row and reads the row report
 * in Chinese (nothing imported), then the corrected workbook, which is imported and graded.
 */
describeInBrowser('导入 亩产效益评价 in the content manager (Chromium)', () => {
  const app = useStrapi();
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let enterprise: Json;

  const workbook = async (name: string, landArea: number) => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('2025');
    sheet.addRow(IMPORT_HEADERS);
    sheet.addRow([enterprise.name, null, null, 2025, landArea, 300, 8000, 1200, 160, 120, '临沂某评估有限公司']);
    await mkdir(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, name);
    await writeFile(file, Buffer.from(await book.xlsx.writeBuffer()));
    return file;
  };

  beforeAll(async () => {
    enterprise = await create(app, 'enterprises', { name: unique('导入测试企业-'), creditCode: creditCode(777) });
    ({ baseUrl, browser, page, pageErrors } = await openAsOffice(app, '导入'));
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
  });

  it('shows the rejected rows in Chinese and imports nothing, then imports the corrected file', async () => {
    await step(page, 'land-import-rejected', async () => {
      await page.goto(`${baseUrl}${LIST}`);
      await page.waitForSelector('[data-testid="dispatch-import"]');
      expect((await page.locator('[data-testid="dispatch-import"]').innerText()).trim()).toBe('导入');
      await page.click('[data-testid="dispatch-import"]');
      await page.locator('input[name="year"]').fill('2025');
      await page.setInputFiles('[data-testid="dispatch-import-file"]', await workbook('land-import-bad.xlsx', 0));
      await page.getByRole('dialog').getByRole('button', { name: '导入', exact: true }).click();
      const report = page.locator('[data-testid="dispatch-import-report"]');
      await report.waitFor();
      const text = await report.innerText();
      expect(text).toContain('未导入任何记录');
      expect(text).toContain('第 2 行');
      expect(text).toContain('用地面积(亩)须大于 0');
      await screenshot(page, 'land-import-report');
      expect(await count(app, 'land-evaluations')).toBe(0);
    });
    await step(page, 'land-import-done', async () => {
      await page.setInputFiles('[data-testid="dispatch-import-file"]', await workbook('land-import-good.xlsx', 50));
      await page.getByRole('dialog').getByRole('button', { name: '导入', exact: true }).click();
      const done = page.locator('[data-testid="dispatch-import-done"]');
      await done.waitFor();
      expect(await done.innerText()).toContain('已导入 1 条评价（2025 年度）');
      await screenshot(page, 'land-import-done');
      const rows = (await app.http().get('/api/land-evaluations?filters[year][$eq]=2025').set('Authorization', await app.token())).body.data;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ grade: 'A', rank: 1 });
    });
    await step(page, 'land-import-list', async () => {
      // closing reloads the list: the new evaluation with its grade, columns in Chinese
      await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).click();
      await page.waitForSelector('table tbody tr');
      const header = await page.locator('table thead').innerText();
      for (const label of ['年度', '企业', '综合得分', '评价等级', '名次', '亩均税收（万元/亩）']) expect(header).toContain(label);
      expect(await page.locator('table tbody').innerText()).toContain(enterprise.name);
      await screenshot(page, 'land-import-list');
    });
    expect(pageErrors).toEqual([]);
  });

  it('shows an evaluation and the settings with Chinese labels, the derived fields read-only', async () => {
    await step(page, 'land-evaluation-edit', async () => {
      const [row] = (await app.http().get('/api/land-evaluations?filters[year][$eq]=2025').set('Authorization', await app.token())).body.data;
      await page.goto(`${baseUrl}${LIST}/${row.documentId}`);
      await page.waitForSelector('main form');
      const text = await page.locator('main').innerText();
      for (const label of ['用地面积（亩）', '税收（万元）', '营业收入（万元）', '综合能耗（吨标准煤）', '研发经费（万元）', '从业人数', '评价机构', '综合得分', '评价等级', '计分过程']) {
        expect(text).toContain(label);
      }
      expect(await page.locator('input[name="score"]').isDisabled()).toBe(true);
      expect(await page.locator('input[name="landArea"]').isDisabled()).toBe(false);
      await screenshot(page, 'land-evaluation-edit');
    });
    await step(page, 'land-evaluation-settings', async () => {
      await page.goto(`${baseUrl}/admin/content-manager/single-types/api::land-evaluation-setting.land-evaluation-setting`);
      await page.waitForSelector('main form');
      const text = await page.locator('main').innerText();
      for (const label of ['亩产效益评价设置', '亩均税收权重（%）', '单位能耗产出权重（%）', '分级方式', 'A 级累计比例（%）', 'A 级分数线']) expect(text).toContain(label);
      expect(await page.locator('input[name="weightTaxPerMu"]').inputValue()).toBe('45');
      await screenshot(page, 'land-evaluation-settings');
    });
  });

  it('imports a sheet of 金融预警指标 from the list of indicators: no year to choose, new and updated rows and the open warnings reported', async () => {
    const watched = await create(app, 'enterprises', { name: unique('金融导入测试企业-'), creditCode: creditCode(778), creditLine: 80000 });
    const sheet = async () => {
      const book = new ExcelJS.Workbook();
      const worksheet = book.addWorksheet('金融预警指标');
      worksheet.addRow(['统一社会信用代码', '指标期（年-月）', '资产负债率（%）', '填报人']);
      worksheet.addRow([watched.creditCode, '2026-06', 82, '企业财务部']);
      const file = path.join(ARTIFACTS, 'finance-import.xlsx');
      await writeFile(file, Buffer.from(await book.xlsx.writeBuffer()));
      return file;
    };
    await step(page, 'finance-import-done', async () => {
      await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::finance-indicator.finance-indicator`);
      await page.waitForSelector('[data-testid="dispatch-import"]');
      await page.click('[data-testid="dispatch-import"]');
      const dialog = page.getByRole('dialog');
      expect(await dialog.innerText()).toContain('导入金融预警指标');
      expect(await dialog.locator('input[name="year"]').count()).toBe(0);
      await page.setInputFiles('[data-testid="dispatch-import-file"]', await sheet());
      await dialog.getByRole('button', { name: '导入', exact: true }).click();
      const done = page.locator('[data-testid="dispatch-import-done"]');
      await done.waitFor();
      expect(await done.innerText()).toContain('已导入 1 行：新增 1 条、更新 0 条；涉及的企业目前有 1 条未处理的预警');
      await screenshot(page, 'finance-import-done');
      const rows = (await app.http().get(`/api/finance-indicators?filters[enterprise][documentId][$eq]=${watched.documentId}`).set('Authorization', await app.token())).body.data;
      expect(rows.map((row: Json) => [row.period, Number(row.debtToAssetRatio), row.source])).toEqual([['2026-06', 82, 'file_import']]);
      await dialog.getByRole('button', { name: '关闭', exact: true }).click();
    });
    expect(pageErrors).toEqual([]);
  });

  it('shows no import button on other lists', async () => {
    await page.goto(`${baseUrl}/admin/content-manager/collection-types/api::task.task`);
    await page.waitForSelector('main h1');
    await page.waitForTimeout(500);
    expect(await page.locator('[data-testid="dispatch-import"]').count()).toBe(0);
  });
});
