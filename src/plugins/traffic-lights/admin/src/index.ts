import type { StrapiApp } from '@strapi/strapi/admin';
import { lightBadgeColumn } from './components/LightColumn';
import { PLUGIN_ID } from './pluginId';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';
import { prefixTranslations } from './utils/trad';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  bootstrap(app: Pick<StrapiApp, 'registerHook'>) {
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', lightBadgeColumn);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({
      locale,
      data: TRANSLATIONS[locale] ? prefixTranslations(TRANSLATIONS[locale]) : {},
    }));
  },
};
