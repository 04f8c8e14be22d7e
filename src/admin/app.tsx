import type { StrapiApp } from '@strapi/strapi/admin';
import { adminMessages, enumLabel } from '../domain/labels';
import { strapiZhHans } from './i18n/strapi-zh-Hans';

/** The admin panel opens in Chinese unless the person has chosen another language. */
const LANGUAGE_KEY = 'strapi-admin-language';

type Header = { name: string; attribute?: { type?: string }; cellFormatter?: unknown };

/** List views show enum values by their Chinese label (edit views already ask for them by value). */
function labelEnumColumns({ displayedHeaders, layout }: { displayedHeaders: Header[]; layout: unknown }) {
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) =>
      header.attribute?.type === 'enumeration' && !header.cellFormatter
        ? { ...header, cellFormatter: (row: Record<string, string>) => enumLabel(row[header.name]) || '-' }
        : header
    ),
  };
}

export default {
  config: {
    locales: ['zh-Hans'],
    translations: {
      'zh-Hans': { ...strapiZhHans, ...adminMessages() },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  register() {
    if (typeof window !== 'undefined' && !window.localStorage.getItem(LANGUAGE_KEY)) {
      window.localStorage.setItem(LANGUAGE_KEY, 'zh-Hans');
    }
  },
  bootstrap(app: StrapiApp) {
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', labelEnumColumns);
  },
};
