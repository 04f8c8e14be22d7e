import type { StrapiApp } from '@strapi/strapi/admin';
import { adminMessages, enumLabel } from '../domain/labels';
import { strapiZhHans } from './i18n/strapi-zh-Hans';

/** The admin panel opens in Chinese unless the person has chosen another language. */
const LANGUAGE_KEY = 'strapi-admin-language';
/** Strapi's guided tour teaches content modelling, not the district's work: off unless someone turns it on. */
const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';

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
    if (typeof window === 'undefined') return;
    const storage = window.localStorage;
    if (!storage.getItem(LANGUAGE_KEY)) storage.setItem(LANGUAGE_KEY, 'zh-Hans');
    if (!storage.getItem(GUIDED_TOUR_KEY)) storage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ enabled: false }));
  },
  bootstrap(app: StrapiApp) {
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', labelEnumColumns);
  },
};
