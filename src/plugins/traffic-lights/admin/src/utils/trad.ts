import { PLUGIN_ID } from '../pluginId';

/** `dashboard.title` → `traffic-lights.dashboard.title`: the plugin's message ids, as registerTrads prefixes them. */
export const getTrad = (id: string) => `${PLUGIN_ID}.${id}`;

/** Prefixes every key of a translation file with the plugin id. */
export const prefixTranslations = (data: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [getTrad(key), value]));
