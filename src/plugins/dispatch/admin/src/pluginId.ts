/** The plugin's id: admin routes live under /dispatch/…, message ids start with `dispatch.`. */
export const PLUGIN_ID = 'dispatch';
