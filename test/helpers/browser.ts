import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { unique } from './fixtures';
import type { TestApp } from './strapi';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { recordSkippedSuite } = require('./services-registry');

/**
 * The admin panel in a real browser: Debian's Chromium driven by playwright-core, against the BUILT admin panel
 * (`npm run build` → dist/build) served by the test's own Strapi listening on a free port.
 *
 * Without Chromium or an up-to-date admin build the suite is left out visibly (the summary reporter lists it, as
 * for Redis); under CI (CI=true) or with REQUIRE_SERVICES=true a missing requirement fails the suite instead.
 */
const appDir = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const BUILD_INDEX = path.join(appDir, 'dist', 'build', 'index.html');
/** Where screenshots go (gitignored); CI keeps the folder as the run's artifacts. */
export const ARTIFACTS = path.join(appDir, 'test-artifacts', 'browser');
/** Sources bundled into the admin panel: a build older than any of them shows yesterday's pages. */
const ADMIN_SOURCES = ['src/admin', 'src/domain', ...pluginAdminDirs()];

const required = () => process.env.REQUIRE_SERVICES === 'true' || process.env.CI === 'true';

function pluginAdminDirs(): string[] {
  const plugins = path.join(appDir, 'src', 'plugins');
  if (!fs.existsSync(plugins)) return [];
  return fs
    .readdirSync(plugins)
    .map((name) => path.join('src', 'plugins', name, 'admin'))
    .filter((dir) => fs.existsSync(path.join(appDir, dir)));
}

function newestMtime(dir: string): { file: string; mtime: number } | null {
  let newest: { file: string; mtime: number } | null = null;
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const mtime = fs.statSync(full).mtimeMs;
        if (!newest || mtime > newest.mtime) newest = { file: full, mtime };
      }
    }
  };
  if (fs.existsSync(path.join(appDir, dir))) walk(path.join(appDir, dir));
  return newest;
}

/** Why the browser suite cannot run here (no Chromium, no admin build, a stale build), or null. */
export function browserProblem(): string | null {
  if (!fs.existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH)`;
  if (!fs.existsSync(BUILD_INDEX)) return `no admin build at ${path.relative(appDir, BUILD_INDEX)} (run npm run build first)`;
  const built = fs.statSync(BUILD_INDEX).mtimeMs;
  for (const dir of ADMIN_SOURCES) {
    const newest = newestMtime(dir);
    if (newest && newest.mtime > built) {
      return `the admin build is older than ${path.relative(appDir, newest.file)} (run npm run build again)`;
    }
  }
  return null;
}

/** `describe` for a browser suite: runs, is listed as left out, or fails, as explained above. */
export function describeInBrowser(name: string, fn: () => void) {
  const problem = browserProblem();
  if (problem && !required()) {
    recordSkippedSuite(`${name} (${problem})`);
    describe(name, () => {
      // reported as not run (the summary lists the suite by name), never as passed
      it.todo(`needs Chromium and the built admin panel: ${problem} (CI=true or REQUIRE_SERVICES=true makes this a failure)`);
    });
    return;
  }
  if (problem) {
    describe(name, () => {
      it('needs Chromium and an up-to-date admin build', () => {
        throw new Error(`${problem}: the browser suite cannot run`);
      });
    });
    return;
  }
  describe(name, fn);
}

/** Puts the test's Strapi (already loaded and mounted) on a free port of 127.0.0.1; returns its base URL. */
export async function listen(app: TestApp): Promise<string> {
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A fresh browser context (its own cookies and storage) at a desktop size, with the admin panel in Chinese, and
 * the page's uncaught errors collected.
 */
export async function openPage(browser: Browser): Promise<{ page: Page; pageErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await context.addInitScript(() => {
    window.localStorage.setItem('strapi-admin-language', 'zh-Hans');
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, pageErrors };
}

/** Signs in through the admin login page and waits for the main navigation. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('nav a[href="/admin/content-manager"]');
}

/** The password of the admins the browser suites create. */
export const BROWSER_PASSWORD = 'Browser-Password-2026';

/**
 * The coordination office in the admin panel: a new admin of the 办公室 role (协调办 <lastname>), the test's Strapi
 * listening, a fresh Chromium page signed in. The caller closes `page.context()` and `browser` afterwards.
 */
export async function openAsOffice(app: TestApp, lastname: string) {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'office' } });
  const email = `${unique('browser-office-')}@test.local`;
  await app.strapi
    .service('admin::user')
    .create({ email, firstname: '协调办', lastname, password: BROWSER_PASSWORD, isActive: true, registrationToken: null, roles: [role.id] });
  const baseUrl = await listen(app);
  const browser = await launchBrowser();
  const { page, pageErrors } = await openPage(browser);
  await signIn(page, baseUrl, email, BROWSER_PASSWORD);
  return { baseUrl, browser, page, pageErrors };
}

/**
 * A whole-page PNG under test-artifacts/browser/; returns its path. The admin panel scrolls inside its own
 * containers, not the document, so the window is made as tall as the tallest scrolled content for the shot.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  const viewport = page.viewportSize();
  const overflow = await page.evaluate(() =>
    Math.max(
      0,
      ...Array.from(document.querySelectorAll('*'))
        .filter((element) => /(auto|scroll)/.test(getComputedStyle(element).overflowY))
        .map((element) => element.scrollHeight - element.clientHeight)
    )
  );
  if (viewport && overflow > 0) await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + overflow, 6000) });
  try {
    await page.screenshot({ path: file, fullPage: true });
  } finally {
    if (viewport && overflow > 0) await page.setViewportSize(viewport);
  }
  return file;
}

/** Runs a browser step; on failure keeps a screenshot named after it (FAILED-<name>.png) before rethrowing. */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    await screenshot(page, `FAILED-${name}`).catch(() => undefined);
    throw error;
  }
}

/**
 * Retries an assertion until it passes or `timeout` ms have gone by (then throws its last failure): pages render
 * after their requests answer. playwright-core has no auto-waiting `expect`, so jest's is wrapped.
 */
export async function eventually<T>(assertion: () => Promise<T> | T, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
