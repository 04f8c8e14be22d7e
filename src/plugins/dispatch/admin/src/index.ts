import type { StrapiApp } from '@strapi/strapi/admin';
import { EditExportButton, ListExportButton } from './components/ExportButton';
import { ImportButton } from './components/ImportButton';
import { PLUGIN_ID } from './pluginId';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

/**
 * 调度与通报 in the admin panel: the plugin and its names (permissions page), and the 导出 buttons of the content
 * manager — the ledger on the project list, the file of a problem list, a minute or a bulletin on its edit view.
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
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
