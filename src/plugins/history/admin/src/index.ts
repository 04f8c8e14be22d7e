import { ClockCounterClockwise } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { HistoryPanel } from './components/HistoryPanel';
import { PLUGIN_ID } from './pluginId';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';
import { getTrad } from './utils/trad';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

/** 查看、导出全部变更记录: the office's page (the server checks it again on every request). */
const CHANGES_READ = [{ action: 'plugin::history.changes.read', subject: null }];

type ContentManagerApis = { apis: { addEditViewSidePanel(panels: PanelComponent[]): void } };

/** 变更记录 in the admin panel: the office's search page, and a side panel on every workflow record's edit view. */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: ClockCounterClockwise,
      intlLabel: { id: getTrad('plugin.name'), defaultMessage: '变更记录' },
      Component: () => import('./pages/ChangesPage'),
      permissions: CHANGES_READ,
      position: 9,
    });
  },

  bootstrap(app: { getPlugin(id: string): unknown }) {
    (app.getPlugin('content-manager') as ContentManagerApis).apis.addEditViewSidePanel([HistoryPanel]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({
      locale,
      data: Object.fromEntries(Object.entries(TRANSLATIONS[locale] ?? {}).map(([key, value]) => [getTrad(key), value])),
    }));
  },
};
