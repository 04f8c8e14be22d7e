import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, openAsOffice, screenshot, step } from '../helpers/browser';
import { create, creditCode, rest, unique, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const CM = '/admin/content-manager/collection-types';

/**
 * The after-completion records of work plan §四 in the content manager, in Chromium: a credit record (区发改局) and a
 * financial warning with the rule that fired (区金融监管局) open with Chinese labels and Chinese enum values.
 */
describeInBrowser('信用记录 and 金融预警 in the content manager (Chromium)', () => {
  const app = useStrapi();
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  let credit: Json;
  let warning: Json;

  beforeAll(async () => {
    const watched = await create(app, 'enterprises', { name: unique('浏览器测试企业-'), creditCode: creditCode(7301), creditLine: 80000 });
    credit = await create(app, 'credit-records', {
      enterprise: watched.documentId,
      kind: 'contract_breach',
      description: '未按约定时限开工',
      decidedAt: '2026-10-09',
      decidedBy: '区发改局',
      blacklist: false,
    });
    const indicator = await create(app, 'finance-indicators', { enterprise: watched.documentId, period: '2026-09', overdueLoans: 1200 });
    const warnings = await rest(app).get(`/api/finance-warnings?filters[indicator][documentId][$eq]=${indicator.documentId}`);
    warning = warnings.body.data[0];
    if (!warning) throw new Error(`overdue loans raised no warning: ${JSON.stringify(warnings.body)}`);
    ({ baseUrl, browser, page, pageErrors } = await openAsOffice(app, '信用'));
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
  });

  it('shows a credit record with Chinese labels and its kind in Chinese', async () => {
    await step(page, 'credit-record-edit', async () => {
      await page.goto(`${baseUrl}${CM}/api::credit-record.credit-record/${credit.documentId}`);
      await page.waitForSelector('main form');
      const text = await page.locator('main').innerText();
      for (const label of ['企业', '涉及项目', '失信类型', '失信行为', '认定日期', '认定机关', '列入失信名单', '惩戒措施', '信用修复日期', '修复理由']) {
        expect({ label, shown: text.includes(label) }).toEqual({ label, shown: true });
      }
      expect(text).toContain('违反投资协议约定');
      expect(text).not.toContain('contract_breach');
      await screenshot(page, 'credit-record-edit');
    });
    expect(pageErrors).toEqual([]);
  });

  it('shows a financial warning with Chinese labels, its level and state in Chinese, and the rule that fired', async () => {
    await step(page, 'finance-warning-edit', async () => {
      await page.goto(`${baseUrl}${CM}/api::finance-warning.finance-warning/${warning.documentId}`);
      await page.waitForSelector('main form');
      const text = await page.locator('main').innerText();
      for (const label of ['预警名称', '企业', '预警等级', '触发的预警规则', '处置状态', '处置时限', '金融服务措施', '处置人', '牵头单位']) {
        expect({ label, shown: text.includes(label) }).toEqual({ label, shown: true });
      }
      expect(text).toMatch(/红灯|黄灯/);
      expect(text).toContain('逾期贷款');
      await screenshot(page, 'finance-warning-edit');
    });
    await step(page, 'finance-warning-list', async () => {
      await page.goto(`${baseUrl}${CM}/api::finance-warning.finance-warning`);
      await page.waitForSelector('table');
      const text = await page.locator('main').innerText();
      expect(text).toContain('金融预警');
      expect(text).toContain(warning.title);
      await screenshot(page, 'finance-warning-list');
    });
    expect(pageErrors).toEqual([]);
  });
});
