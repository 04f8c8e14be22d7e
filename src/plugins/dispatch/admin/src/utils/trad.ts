import { PLUGIN_ID } from '../pluginId';

/** `export.ledger` → `dispatch.export.ledger`: the plugin's message ids, as registerTrads prefixes them. */
export const getTrad = (id: string) => `${PLUGIN_ID}.${id}`;
