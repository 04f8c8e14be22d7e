import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, eventually, launchBrowser, listen, openPage, screenshot, signIn, step } from '../helpers/browser';
import { MEMBERSHIP } from '../helpers/bureaus';
import { bureau, create, creditCode, unique, update, type Json } from '../helpers/fixtures';
import { useStrapi } from '../helpers/strapi';

const PROJECT_UID = 'api::project.project';
const PASSWORD = 'Browser-Password-2026';
const DASHBOARD = '/admin/plugins/traffic-lights';

/**
 * 亮灯管理 in the admin panel, in Chromium, as people use it: the office signs in and sees the district's lights
 * (counts, rows, reasons, units, trend), filters to red, opens a project, sees the light as a badge in the project
 * list and the rules page; a town's admin sees only its own projects. Screenshots: test-artifacts/browser/.
 */
describeInBrowser('亮灯管理 in the admin panel (Chromium)', () => {
  const app = useStrapi();
  let baseUrl: string;
  let browser: Browser;

  const yitangProjects: Record<'red' | 'yellow' | 'green', Json> = {} as never;
  const baishabuProjects: Record<'red' | 'green1' | 'green2', Json> = {} as never;
  let yitang: Json;
  let baishabu: Json;

  const daysAgo = (days: number) => DateTime.now().setZone('Asia/Shanghai').minus({ days }).toISODate()!;
  const today = () => DateTime.now().setZone('Asia/Shanghai').toISODate()!;

  /** An admin user with a seeded admin role (and a membership of its bureau), to sign in through the login page. */
  async function adminUser(code: 'office' | 'town', home: Json | null): Promise<string> {
    const { strapi } = app;
    const role = await strapi.db.query('admin::role').findOne({ where: { code } });
    if (!role) throw new Error(`no admin role ${code}`);
    const email = `${unique(`browser-${code}-`)}@test.local`;
    const user = await strapi.service('admin::user').create({
      email,
      firstname: code === 'office' ? '协调办' : '义堂镇',
      lastname: '测试',
      password: PASSWORD,
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    });
    if (home) await strapi.documents(MEMBERSHIP as any).create({ data: { user: user.id, bureau: home.documentId } as any });
    return email;
  }

  beforeAll(async () => {
    [yitang, baishabu] = await Promise.all([bureau(app, 'sample-yitang'), bureau(app, 'sample-baishabu')]);
    const land = await bureau(app, 'natural-resources');
    const project = (name: string, applicant: Json, data: Json = {}) =>
      create(app, 'projects', { name: unique(`${name}-`), category: 'general', applicantBureau: applicant.documentId, ...data });

    // 义堂镇: red (a task ten days overdue), yellow (a task due today), green
    yitangProjects.red = await project('义堂新材料产业园', yitang, { category: 'key_provincial_municipal' });
    await create(app, 'tasks', { title: '协调供电线路迁改', project: yitangProjects.red.documentId, responsibleBureau: land.documentId, deadline: daysAgo(14) });
    yitangProjects.yellow = await project('义堂冷链物流中心', yitang, { category: 'livelihood' });
    await create(app, 'tasks', { title: '办理施工许可', project: yitangProjects.yellow.documentId, responsibleBureau: land.documentId, deadline: today() });
    yitangProjects.green = await project('义堂数据中心', yitang);

    // 白沙埠镇: red (its investor blacklisted), two greens
    const enterprise = await create(app, 'enterprises', { name: unique('某某置业有限公司-'), creditCode: creditCode(7301) });
    baishabuProjects.red = await project('白沙埠商业综合体', baishabu, { enterprise: enterprise.documentId });
    baishabuProjects.green1 = await project('白沙埠光伏组件', baishabu, { stage: 'in_library' });
    baishabuProjects.green2 = await project('白沙埠农产品加工', baishabu);
    await app.strapi.documents('api::enterprise.enterprise').update({ documentId: enterprise.documentId, data: { blacklisted: true } as any });

    // the towns' own items: none — their monthly problem reports, opened by the platform, are submitted (at the end
    // of a month an open one is due within days and would light the town yellow whatever the scenario)
    const reports = await app.strapi.db
      .query('api::monthly-report.monthly-report')
      .findMany({ where: { bureau: { id: { $in: [yitang.id, baishabu.id] } }, state: { $ne: 'submitted' } }, select: ['documentId'] });
    for (const report of reports) await update(app, 'monthly-reports', report.documentId, { state: 'submitted', nothingToReport: true });
    await app.strapi.plugin('traffic-lights').service('tracker').idle();
    baseUrl = await listen(app);
    browser = await launchBrowser();
  }, 180000);

  afterAll(async () => {
    await browser?.close();
  });

  /** The light of each project as the server stored it, so a wrong fixture fails here and not in the browser. */
  it('has the lights the scenario needs', async () => {
    const lightOf = async (project: Json) =>
      (await app.strapi.db.query(PROJECT_UID).findOne({ where: { documentId: project.documentId }, select: ['light'] }))?.light;
    expect({
      yitangRed: await lightOf(yitangProjects.red),
      yitangYellow: await lightOf(yitangProjects.yellow),
      yitangGreen: await lightOf(yitangProjects.green),
      baishabuRed: await lightOf(baishabuProjects.red),
      baishabuGreen1: await lightOf(baishabuProjects.green1),
      baishabuGreen2: await lightOf(baishabuProjects.green2),
    }).toEqual({ yitangRed: 'red', yitangYellow: 'yellow', yitangGreen: 'green', baishabuRed: 'red', baishabuGreen1: 'green', baishabuGreen2: 'green' });
  });

  const cardValue = async (page: Page, light: 'total' | 'red' | 'yellow' | 'green') =>
    Number(await page.locator(`[data-testid="lights-card-${light}-value"]`).innerText());
  const cards = async (page: Page) => ({
    total: await cardValue(page, 'total'),
    red: await cardValue(page, 'red'),
    yellow: await cardValue(page, 'yellow'),
    green: await cardValue(page, 'green'),
  });
  const rows = (page: Page) => page.locator('[data-testid="lights-project-row"]');
  /** documentId → light of the table's rows, in the table's order. */
  const tableRows = async (page: Page) =>
    rows(page).evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-document-id'), tr.getAttribute('data-light')] as [string, string]));
  /** Waits for the table to show exactly `count` rows (it keeps the previous page while the next loads). */
  const waitForRows = (page: Page, count: number) =>
    page.waitForFunction((n) => document.querySelectorAll('[data-testid="lights-project-row"]').length === n, count);
  async function openDashboard(page: Page) {
    await page.click(`nav a[href="${DASHBOARD}"]`);
    await page.waitForURL(`**${DASHBOARD}**`);
    await page.waitForSelector('[data-testid="lights-project-row"]');
    await page.waitForSelector('[data-testid="lights-trend-chart"]');
  }

  describe('the office', () => {
    let page: Page;
    let pageErrors: string[];

    beforeAll(async () => {
      ({ page, pageErrors } = await openPage(browser));
      const email = await adminUser('office', null);
      await signIn(page, baseUrl, email, PASSWORD);
    }, 60000);

    afterAll(async () => {
      await page?.context().close();
    });

    it('opens 亮灯管理 from the menu and sees every project with its light, reasons and next item due', async () => {
      await step(page, 'office-dashboard', async () => {
        await openDashboard(page);
        await eventually(async () => expect((await page.locator('main h1').innerText()).trim()).toBe('亮灯管理'));
        await waitForRows(page, 6);
        await eventually(async () => expect(await cards(page)).toEqual({ total: 6, red: 2, yellow: 1, green: 3 }));

        const shown = await tableRows(page);
        // worst light first
        expect(shown.map(([, light]) => light)).toEqual(['red', 'red', 'yellow', 'green', 'green', 'green']);
        const all = [...Object.values(yitangProjects), ...Object.values(baishabuProjects)].map((p) => p.documentId).sort();
        expect(shown.map(([id]) => id).sort()).toEqual(all);

        const redRow = rows(page).filter({ hasText: yitangProjects.red.name });
        await eventually(async () => expect(await redRow.innerText()).toContain('红灯'));
        await eventually(async () => expect(await redRow.innerText()).toContain('逾期'));
        await eventually(async () => expect(await redRow.innerText()).toContain('任务：协调供电线路迁改'));
        await eventually(async () => expect(await redRow.innerText()).toContain('责任单位：'));
        await eventually(async () => expect(await rows(page).filter({ hasText: baishabuProjects.red.name }).innerText()).toContain('失信'));
        await eventually(async () => expect(await rows(page).filter({ hasText: yitangProjects.yellow.name }).innerText()).toContain('黄灯'));

        const units = page.locator('[data-testid="lights-unit-row"]');
        await eventually(async () => expect(await units.count()).toBe(2));
        // a unit's own light is about its own items (here none), its projects' lights are counted beside it
        const yitangRow = units.filter({ hasText: yitang.name });
        await eventually(async () => expect(await yitangRow.locator('[data-light]').getAttribute('data-light')).toBe('green'));
        expect((await yitangRow.locator('td').allInnerTexts()).slice(2).map(Number)).toEqual([3, 1, 1, 1]);
        await eventually(async () => expect(await page.locator('[data-testid="lights-trend"]').innerText()).toContain('月度趋势'));
        await screenshot(page, 'office-dashboard');
      });
      expect(pageErrors).toEqual([]);
    });

    it('filters to red with the red card, the filter kept in the address across a reload', async () => {
      await step(page, 'office-red', async () => {
        await page.click('[data-testid="lights-card-red"]');
        await page.waitForURL(/[?&]light=red/);
        await waitForRows(page, 2);
        expect((await tableRows(page)).map(([, light]) => light)).toEqual(['red', 'red']);
        // the cards keep counting every light
        await eventually(async () => expect(await cards(page)).toEqual({ total: 6, red: 2, yellow: 1, green: 3 }));

        await page.reload();
        await page.waitForSelector('[data-testid="lights-project-row"]');
        await waitForRows(page, 2);
        expect((await tableRows(page)).map(([id]) => id).sort()).toEqual([yitangProjects.red.documentId, baishabuProjects.red.documentId].sort());
        await screenshot(page, 'office-red');
      });
    });

    it('sorts by name on the header, and filters by unit from the per-unit table', async () => {
      await step(page, 'office-sort-unit', async () => {
        await page.goto(`${baseUrl}${DASHBOARD}`);
        await waitForRows(page, 6);
        await page.click('button[data-sort="name"]');
        await page.waitForURL(/sort=name(%3A|:)asc/);
        // the server's order (its collation decides where Chinese names go)
        const byName = await app
          .http()
          .get('/traffic-lights/projects?sort=name:asc&pageSize=100')
          .set('Authorization', await app.adminToken());
        expect(byName.status).toBe(200);
        const expected = byName.body.data.map((row: Json) => row.documentId);
        await eventually(async () => expect((await tableRows(page)).map(([id]) => id)).toEqual(expected));
        expect(await page.locator('th[aria-sort="ascending"]').innerText()).toContain('项目名称');

        await page.locator('[data-testid="lights-unit-row"]').filter({ hasText: baishabu.name }).getByRole('button').first().click();
        await page.waitForURL(new RegExp(`unit=${baishabu.documentId}`));
        await waitForRows(page, 3);
        await eventually(async () => expect(await cards(page)).toEqual({ total: 3, red: 1, yellow: 0, green: 2 }));
        await screenshot(page, 'office-unit');
      });
    });

    it('pages through the projects on the server, the page in the address', async () => {
      await step(page, 'office-pages', async () => {
        await page.goto(`${baseUrl}${DASHBOARD}?pageSize=4`);
        await waitForRows(page, 4);
        const first = (await tableRows(page)).map(([id]) => id);
        await page.click('a[href*="page=2"]');
        await page.waitForURL(/[?&]page=2/);
        await waitForRows(page, 2);
        const second = (await tableRows(page)).map(([id]) => id);
        expect(new Set([...first, ...second]).size).toBe(6);
        // still the worst light first across pages: the two reds and the yellow were on page 1
        expect((await tableRows(page)).map(([, light]) => light)).toEqual(['green', 'green']);
        await screenshot(page, 'office-page-2');
      });
    });

    it('opens a project’s edit view in the content manager from its row', async () => {
      await step(page, 'office-open-project', async () => {
        await page.goto(`${baseUrl}${DASHBOARD}?light=red`);
        await waitForRows(page, 2);
        await rows(page).filter({ hasText: yitangProjects.red.name }).locator('td').first().click();
        await page.waitForURL(`**/admin/content-manager/collection-types/${PROJECT_UID}/${yitangProjects.red.documentId}**`);
        await eventually(async () => expect(await page.locator('main h1').innerText()).toContain(yitangProjects.red.name));
        await screenshot(page, 'office-project-edit');
      });
    });

    it('sees the light as a coloured badge in the content manager’s project list', async () => {
      await step(page, 'office-project-list', async () => {
        await page.goto(`${baseUrl}/admin/content-manager/collection-types/${PROJECT_UID}`);
        await page.waitForSelector('table tbody tr');
        const badges = page.locator('table tbody [data-light]');
        await eventually(async () => expect(await badges.count()).toBe(6));
        const texts = (await badges.allInnerTexts()).map((text) => text.trim()).sort();
        expect(texts).toEqual(['红灯', '红灯', '绿灯', '绿灯', '绿灯', '黄灯'].sort());
        await screenshot(page, 'office-project-list');
      });
    });

    it('finds the rules link on the dashboard even when the panel opens on it before its permissions arrive', async () => {
      await step(page, 'office-rules-link', async () => {
        // the admin's permissions answer late (a slow server): the page is already showing when they come in
        const permissions = '**/admin/users/me/permissions';
        await page.route(permissions, async (route) => {
          await new Promise((resolve) => setTimeout(resolve, 2000));
          await route.continue();
        });
        try {
          await page.goto(`${baseUrl}${DASHBOARD}`);
          await page.waitForSelector('[data-testid="lights-project-row"]');
          await page.locator(`a[href="/admin/settings/traffic-lights/rules"]`).click({ timeout: 20_000 });
        } finally {
          await page.unroute(permissions);
        }
        await page.waitForURL('**/admin/settings/traffic-lights/rules');
      });
    });

    it('sees the rules page, and a wrong threshold is refused naming the field under its cell', async () => {
      await step(page, 'office-rules', async () => {
        await page.goto(`${baseUrl}/admin/settings/traffic-lights/rules`);
        await page.waitForSelector('[data-testid="lights-rule-row"]');
        await eventually(async () => expect(await page.locator('[data-testid="lights-rule-row"]').count()).toBe(6));
        await eventually(async () => expect((await page.locator('main h1').innerText()).trim()).toBe('亮灯规则'));
        const category = page.locator('[data-testid="lights-rule-row"][data-scope="livelihood"]');
        await eventually(async () => expect(await category.innerText()).toContain('重要民生项目'));
        // an empty category cell shows the default it inherits
        await eventually(async () => expect(await category.locator('input').first().getAttribute('placeholder')).toMatch(/（默认）/));
        await screenshot(page, 'office-rules');
        // the thresholds further right (the table scrolls sideways, the scope column stays)
        await page.evaluate(() => {
          let element = document.querySelector('table')?.parentElement ?? null;
          while (element && !/(auto|scroll)/.test(getComputedStyle(element).overflowX)) element = element.parentElement;
          if (element) element.scrollLeft = element.scrollWidth;
        });
        await screenshot(page, 'office-rules-scrolled');

        // red after 0 months' slip is below the allowed minimum (1): the server's 400 names the field
        const defaults = page.locator('[data-testid="lights-rule-row"][data-scope="default"]');
        const redMonths = defaults.locator('input[name="rule-default-startSlipRedMonths"]');
        await redMonths.fill('0');
        await redMonths.blur();
        await page.getByRole('button', { name: '保存' }).click();
        await eventually(async () => expect(await defaults.innerText()).toContain('开工延误红灯（月）'));
        await eventually(async () => expect(await page.locator('main').innerText()).toContain('未保存'));
        await screenshot(page, 'office-rules-error');
        await page.getByRole('button', { name: '撤销修改' }).click();
        await eventually(async () => expect(await redMonths.inputValue()).toBe('1'));
      });
    });
  });

  describe('a town’s admin', () => {
    let page: Page;
    let pageErrors: string[];

    beforeAll(async () => {
      ({ page, pageErrors } = await openPage(browser));
      const email = await adminUser('town', yitang);
      await signIn(page, baseUrl, email, PASSWORD);
    }, 60000);

    afterAll(async () => {
      await page?.context().close();
    });

    it('sees only its own projects and its own unit, and no rules link', async () => {
      await step(page, 'town-dashboard', async () => {
        await openDashboard(page);
        await waitForRows(page, 3);
        await eventually(async () => expect(await cards(page)).toEqual({ total: 3, red: 1, yellow: 1, green: 1 }));
        const shown = await tableRows(page);
        expect(shown).toEqual([
          [yitangProjects.red.documentId, 'red'],
          [yitangProjects.yellow.documentId, 'yellow'],
          [yitangProjects.green.documentId, 'green'],
        ]);
        await eventually(async () => expect(await page.locator('main').innerText()).not.toContain(baishabu.name));
        const units = page.locator('[data-testid="lights-unit-row"]');
        await eventually(async () => expect(await units.count()).toBe(1));
        await eventually(async () => expect(await units.innerText()).toContain(yitang.name));
        await eventually(async () => expect(await page.locator('a[href="/admin/settings/traffic-lights/rules"]').count()).toBe(0));
        await screenshot(page, 'town-dashboard');
      });
      expect(pageErrors).toEqual([]);
    });

    it('filters to red and opens its red project', async () => {
      await step(page, 'town-red', async () => {
        await page.click('[data-testid="lights-card-red"]');
        await waitForRows(page, 1);
        await screenshot(page, 'town-red');
        await rows(page).first().locator('td').first().click();
        await page.waitForURL(`**/admin/content-manager/collection-types/${PROJECT_UID}/${yitangProjects.red.documentId}**`);
        await eventually(async () => expect(await page.locator('main h1').innerText()).toContain(yitangProjects.red.name));
      });
    });
  });
});
