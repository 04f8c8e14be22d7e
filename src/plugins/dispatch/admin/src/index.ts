import { Trash } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { EditExportButton, ListExportButton } from './components/ExportButton';
import { ImportButton } from './components/ImportButton';
import { PLUGIN_ID } from './pluginId';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';
import { getTrad } from './utils/trad';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

/**
 * 调度与通报 in the admin panel: the plugin and its names (permissions page), the 导出 buttons of the content
 * manager — the ledger on the project list, the file of a problem list, a minute or a bulletin on its edit view —
 * and the 回收站 page.
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    // 回收站: admins with the permission 回收站 (the office); the server checks it again on every request
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}/recycle-bin`,
      icon: Trash,
      intlLabel: { id: getTrad('menu.recycleBin'), defaultMessage: '回收站' },
      Component: () => import('./pages/RecycleBinPage'),
      permissions: [{ action: 'plugin::dispatch.recycle-bin.manage', subject: null }],
      position: 8,
    });
  },

  bootstrap(app: { getPlugin(id: string): { injectComponent(view: string, zone: string, component: { name: string; Component: () => unknown }): void } }) {
    const contentManager = app.getPlugin('content-manager');
    contentManager.injectComponent('listView', 'actions', { name: `${PLUGIN_ID}-ledger-export`, Component: ListExportButton });
    contentManager.injectComponent('editView', 'right-links', { name: `${PLUGIN_ID}-record-export`, Component: EditExportButton });
    // 导入 on the list of 亩产效益评价: the third party's workbook, with the row report
    contentManager.injectComponent('listView', 'actions', { name: `${PLUGIN_ID}-import`, Component: ImportButton });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({
      locale,
      data: Object.fromEntries(Object.entries(TRANSLATIONS[locale] ?? {}).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value])),
    }));
  },
};
