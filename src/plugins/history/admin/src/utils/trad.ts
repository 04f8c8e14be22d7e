import { PLUGIN_ID } from '../pluginId';

/** `panel.title` → `history.panel.title`: the plugin's message ids, as registerTrads prefixes them. */
export const getTrad = (id: string) => `${PLUGIN_ID}.${id}`;
