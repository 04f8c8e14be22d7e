import { Lightbulb } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { lightBadgeColumn } from './components/LightColumn';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';
import { DASHBOARD_PATH, SETTINGS_PATHS } from './utils/links';
import { getTrad, prefixTranslations } from './utils/trad';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });

    // 亮灯管理: admins with 查看亮灯管理; the server scopes the projects and units to the admin's bureaus.
    app.addMenuLink({
      to: DASHBOARD_PATH.slice(1),
      icon: Lightbulb,
      intlLabel: { id: getTrad('menu.dashboard'), defaultMessage: '亮灯管理' },
      Component: () => import('./pages/DashboardPage'),
      permissions: PERMISSIONS.dashboard,
      position: 3,
    });

    // Settings → 亮灯管理 → 亮灯规则: seen with 查看亮灯规则, saved with 修改亮灯规则 (the server checks both).
    app.addSettingsLink(
      { id: PLUGIN_ID, intlLabel: { id: getTrad('settings.section'), defaultMessage: '亮灯管理' } },
      [
        {
          id: `${PLUGIN_ID}-rules`,
          to: SETTINGS_PATHS.rules,
          intlLabel: { id: getTrad('settings.rules'), defaultMessage: '亮灯规则' },
          permissions: PERMISSIONS.settingsRead,
          Component: () => import('./pages/settings/RulesPage'),
        },
      ]
    );
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
