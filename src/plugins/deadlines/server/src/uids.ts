/** The plugin's own content types, and the record type it reports to. */
export const RULE = 'plugin::deadlines.rule';
export const DEADLINE = 'plugin::deadlines.deadline';
export const EXTENSION = 'plugin::deadlines.extension';
export const CALENDAR_OVERRIDE = 'plugin::deadlines.calendar-override';
export const NOTIFICATION = 'plugin::deadlines.notification';
export const DELIVERY = 'plugin::deadlines.delivery';
export const BUREAU = 'api::bureau.bureau';
