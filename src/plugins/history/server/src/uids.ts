/** The plugin's own content type: one row per create, update or delete of a workflow record. */
export const CHANGE = 'plugin::history.change';
