import type { StrapiApp } from '@strapi/strapi/admin';
import { PLUGIN_ID } from './pluginId';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

/**
 * 调度与通报 in the admin panel: the plugin and its names (permissions page). Its pages (figures, exports, meeting
 * agenda) register here as they are added; the server already answers GET /dispatch/figures for 查看实绩数据.
 */
export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({
      locale,
      data: Object.fromEntries(Object.entries(TRANSLATIONS[locale] ?? {}).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value])),
    }));
  },
};
