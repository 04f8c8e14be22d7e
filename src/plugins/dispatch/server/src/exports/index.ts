/**
 * The dispatch plugin's exports: pure builders from scoped, loaded rows to file bytes. Controllers read the
 * records through the bureau-views scope service, call a builder and send the bytes with its content type.
 */
export { buildLedger, LEDGER_TITLE } from './ledger';
export { buildProblemList, PROBLEM_LIST_TITLE } from './problem-list';
export { buildBulletin } from './bulletin';
export { minuteDocument, contentBlocks, type MinuteDocument, type Block, type Run } from './minute-document';
export { buildMinuteDocx } from './minute-docx';
export { buildDishonestyList, DISHONESTY_LIST_TITLE } from './dishonesty-list';
export { buildUpwardReports, UPWARD_REPORTS_TITLE, type ListedUpwardReport } from './upward-reports';
export { buildSupervisionNoticeDocx, noticeDocument, NOTICE_HEAD } from './supervision-notice-docx';
export type {
  BulletinExport,
  BulletinFigures,
  BulletinUnit,
  ExportContext,
  LedgerProject,
  ListedCreditRecord,
  ListedEnterprise,
  ListedProblem,
  MinuteExport,
  MinuteTask,
  ProblemListExport,
  SupervisionNoticeExport,
} from './types';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
