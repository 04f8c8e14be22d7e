/** The plugin's id: admin routes live under /deadlines/…, message ids start with `deadlines.`. */
export const PLUGIN_ID = 'deadlines';
