/** The record the plugin keeps the rules of (an application type: 实绩通报). */
export const BULLETIN = 'api::bulletin.bulletin';

/** Records the figures are computed from (the plugin reads them by uid only). */
export const BUREAU = 'api::bureau.bureau';
export const PROJECT = 'api::project.project';
export const PROGRESS_REPORT = 'api::progress-report.progress-report';
export const PROBLEM = 'api::problem.problem';
export const PLEDGE = 'api::pledge.pledge';
/** The traffic-lights plugin's history of colour changes (read by uid, never through its code). */
export const LIGHT_CHANGE = 'plugin::traffic-lights.light-change';

/** 回收站记录 (this plugin's own type). */
export const DELETED_RECORD = 'plugin::dispatch.deleted-record';
