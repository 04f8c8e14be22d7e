/** The plugin's id: admin routes live under /history/…, message ids start with `history.`. */
export const PLUGIN_ID = 'history';
