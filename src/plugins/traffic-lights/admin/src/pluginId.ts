/** The plugin's id: admin routes live under /traffic-lights/…, message ids start with `traffic-lights.`. */
export const PLUGIN_ID = 'traffic-lights';
