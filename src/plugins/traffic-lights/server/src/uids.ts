/** The plugin's own content types. */
export const LIGHT = 'plugin::traffic-lights.light';
export const LIGHT_CHANGE = 'plugin::traffic-lights.light-change';
export const RULE = 'plugin::traffic-lights.rule';

/** Records the lights are computed from (the plugin reads them by uid only). */
export const PROJECT = 'api::project.project';
export const BUREAU = 'api::bureau.bureau';
export const PROGRESS_REPORT = 'api::progress-report.progress-report';
export const PLEDGE = 'api::pledge.pledge';
export const DEADLINE = 'plugin::deadlines.deadline';
export const CALENDAR_OVERRIDE = 'plugin::deadlines.calendar-override';
