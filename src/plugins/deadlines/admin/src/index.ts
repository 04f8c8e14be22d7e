import { Bell } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PERMISSIONS } from './permissions';
import { PLUGIN_ID } from './pluginId';
import en from './translations/en.json';
import zhHans from './translations/zh-Hans.json';
import { INBOX_PATH, SETTINGS_PATHS } from './utils/links';
import { getTrad, prefixTranslations } from './utils/trad';

const TRANSLATIONS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans };

export default {
  register(app: StrapiApp) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });

    // 我的待办: everyone signed in; the server scopes the items to the admin's bureaus.
    app.addMenuLink({
      to: INBOX_PATH.slice(1),
      icon: Bell,
      intlLabel: { id: getTrad('menu.inbox'), defaultMessage: '我的待办' },
      Component: () => import('./pages/InboxPage'),
      permissions: [],
      position: 2,
    });

    // Settings → 期限管理. `createSettingSection` is deprecated in 5.54 in favour of
    // `addSettingsLink(section, links)`, which creates the section and its links in one call. Each link shows only
    // to admins with 查看期限设置 (the server refuses the others anyway).
    app.addSettingsLink(
      { id: PLUGIN_ID, intlLabel: { id: getTrad('settings.section'), defaultMessage: '期限管理' } },
      [
        {
          id: `${PLUGIN_ID}-rules`,
          to: SETTINGS_PATHS.rules,
          intlLabel: { id: getTrad('settings.rules'), defaultMessage: '期限规则' },
          permissions: PERMISSIONS.read,
          Component: () => import('./pages/settings/RulesPage'),
        },
        {
          id: `${PLUGIN_ID}-calendar`,
          to: SETTINGS_PATHS.calendar,
          intlLabel: { id: getTrad('settings.calendar'), defaultMessage: '工作日历' },
          permissions: PERMISSIONS.read,
          Component: () => import('./pages/settings/CalendarPage'),
        },
        {
          id: `${PLUGIN_ID}-monthly-reports`,
          to: SETTINGS_PATHS.monthlyReports,
          intlLabel: { id: getTrad('settings.monthlyReports'), defaultMessage: '月度问题报送' },
          permissions: PERMISSIONS.read,
          Component: () => import('./pages/settings/MonthlyReportsPage'),
        },
        {
          id: `${PLUGIN_ID}-webhooks`,
          to: SETTINGS_PATHS.webhooks,
          intlLabel: { id: getTrad('settings.webhooks'), defaultMessage: 'Webhook 订阅' },
          // Strapi's webhooks: whoever may see them in 设置 → Webhooks may see their deadline events here
          permissions: PERMISSIONS.webhooksRead,
          Component: () => import('./pages/settings/WebhooksPage'),
        },
      ]
    );

    // Homepage widget (Strapi 5.54's homepage renders registered widgets).
    app.widgets.register({
      id: 'my-open-items',
      pluginId: PLUGIN_ID,
      icon: Bell,
      title: { id: getTrad('widget.title'), defaultMessage: '我的待办' },
      link: { label: { id: getTrad('widget.link'), defaultMessage: '查看全部待办' }, href: INBOX_PATH },
      component: () => import('./components/InboxWidget').then((mod) => mod.InboxWidget),
    });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return locales.map((locale) => ({
      locale,
      data: TRANSLATIONS[locale] ? prefixTranslations(TRANSLATIONS[locale]) : {},
    }));
  },
};
