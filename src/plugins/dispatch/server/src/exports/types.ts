/**
 * What the export builders read: plain rows, already scoped (bureau-views) and loaded with the relations they
 * name. Field names and enum values are the records' own (src/api/<type>/content-types), so a document read with
 * the right `populate` can be passed as it is; the builders turn enum values into Chinese labels.
 */

/** A populated relation: only its name is printed. */
export type Named = { name: string } | null | undefined;

/** A decimal as Strapi returns it: a number (SQLite) or a numeric string (PostgreSQL). */
export type Decimal = number | string | null | undefined;

/** A calendar date `YYYY-MM-DD` (a date field) or an instant (ISO-8601 string or Date, a datetime field). */
export type DateLike = string | Date | null | undefined;

/** Who exported what, printed under the title. */
export interface ExportContext {
  /** The unit whose view was exported: 「全区」 for the office and leaders, else the bureau's name. */
  scope: string;
  /** The person, when known (e.g. 「张三（区发改局）」). */
  exportedBy?: string | null;
  /** The export instant; now by default. */
  at?: Date;
}

/** 项目 — one row of the 台账. */
export interface LedgerProject {
  code?: string | null;
  name: string;
  /** project.category enum value */
  category?: string | null;
  applicantBureau?: Named;
  enterprise?: Named;
  plannedInvestment?: Decimal;
  annualPlannedInvestment?: Decimal;
  completedInvestment?: Decimal;
  landArea?: Decimal;
  /** project.stage enum value */
  stage?: string | null;
  plannedStartDate?: DateLike;
  actualStartDate?: DateLike;
  leader?: string | null;
  light?: 'green' | 'yellow' | 'red' | null;
  /** The stored `lightReasons` (traffic-lights `Reason[]`); only `message` is printed. */
  lightReasons?: Array<{ message: string }> | null;
  /**
   * The next open item due (the lights dashboard's `nextDue`). The columns 下一到期事项 / 责任单位 appear when
   * any row has this key, even as null.
   */
  nextDue?: { title: string; dueAt?: DateLike; bureau?: Named } | null;
}

/** 困难问题 — one row of the 问题清单. */
export interface ListedProblem {
  project?: Named;
  reportingBureau?: Named;
  /** problem.category enum value */
  category: string;
  title: string;
  description?: string | null;
  suggestion?: string | null;
  isUrgent?: boolean | null;
  /** problem.level enum value */
  level?: string | null;
  leadBureau?: Named;
  assignedAt?: DateLike;
  proposalDueAt?: DateLike;
  proposal?: string | null;
  resolution?: string | null;
  resolvedAt?: DateLike;
  /** problem.state enum value */
  state: string;
}

/** 亟待解决问题清单 with its problems. */
export interface ProblemListExport {
  title?: string | null;
  /** `YYYY-MM` */
  period: string;
  compiledAt?: DateLike;
  /** `draft | issued` */
  state: string;
  issuedAt?: DateLike;
  note?: string | null;
  problems: ListedProblem[];
}

/** One unit's (or the district's) frozen bulletin figures. Rates are fractions (0.8 = 80 %), null when undefined. */
export interface BulletinFigures {
  /** 开工率 = started ÷ plannedToStart */
  startRate: number | null;
  started: number;
  plannedToStart: number;
  /** 投资完成率 = investedThisYear ÷ annualPlan */
  investmentRate: number | null;
  /** 万元 */
  investedThisYear: number;
  /** 万元 */
  annualPlan: number;
  /** 问题办结率 = resolved ÷ reported */
  resolutionRate: number | null;
  resolved: number;
  reported: number;
  /** problems escalated to the city (已上报市级) */
  escalated: number;
  /** 践诺率 */
  pledgeRate: number | null;
  lights: { red: number; yellow: number; green: number };
  /** 督办单: received in the period, replied on time, not yet accepted (absent in bulletins frozen before they were counted). */
  supervision?: { received: number; repliedOnTime: number; open: number } | null;
  /** 首席代表集中办公: days expected and present, the weekly rate and flagged weeks (null when the unit does not attend). */
  coWorking?: { daysPlanned: number; daysPresent: number; rate: number | null; flaggedWeeks: number } | null;
}

export interface BulletinUnit extends BulletinFigures {
  rank: number | null;
  bureauName: string;
  /** bureau.kind enum value */
  bureauKind: string;
}

/**
 * 实绩通报 as issued: the figures frozen at the period's cut-off. The figures service produces this shape; the
 * builder prints it and computes nothing but labels.
 */
export interface BulletinExport {
  title: string;
  /** e.g. 「2026年10月」 or 「2026年第三季度」 */
  periodLabel: string;
  /** `YYYY-MM-DD` */
  periodStart: DateLike;
  /** `YYYY-MM-DD` */
  periodEnd: DateLike;
  issuedAt?: DateLike;
  /** in rank order (the builder keeps the order given) */
  units: BulletinUnit[];
  district: BulletinFigures;
  /** 指标说明 */
  definitions: Array<{ name: string; definition: string }>;
}

/** 责任事项 — one row of a minute's 责任清单. */
export interface MinuteTask {
  title: string;
  description?: string | null;
  responsibleBureau?: Named;
  coBureaus?: Array<{ name: string }> | null;
  /** `YYYY-MM-DD` */
  deadline?: DateLike;
  /** task.state enum value */
  state: string;
}

/** 会商纪要 with its meeting and tasks. */
export interface MinuteExport {
  number?: string | null;
  title: string;
  issuedAt?: DateLike;
  /** Plain text or simple markdown (the richtext field). */
  content?: string | null;
  meeting?: {
    /** meeting.type enum value */
    type: string;
    /** meeting.mode enum value */
    mode?: string | null;
    title?: string | null;
    heldAt?: DateLike;
    location?: string | null;
    chair?: string | null;
    attendees?: Array<{ name: string }> | null;
  } | null;
  tasks: MinuteTask[];
}

/** 信用记录 — one unrepaired blacklisting record of a listed enterprise. */
export interface ListedCreditRecord {
  /** credit-record.kind enum value */
  kind: string;
  description?: string | null;
  /** `YYYY-MM-DD` */
  decidedAt?: DateLike;
  decidedBy?: string | null;
  measures?: string | null;
  project?: Named;
}

/** 企业 — one row of the 失信名单, with the records that keep it listed (in the order they were decided). */
export interface ListedEnterprise {
  name: string;
  creditCode?: string | null;
  legalRepresentative?: string | null;
  records: ListedCreditRecord[];
  /** the enterprise's projects (red while it is listed) */
  projects?: Array<{ name: string }> | null;
}

/** 督办单 with its recipient, inspection and project. */
export interface SupervisionNoticeExport {
  number?: string | null;
  bureau?: Named;
  /** supervision-notice.source enum value */
  source?: string | null;
  inspection?: { title?: string | null } | null;
  project?: Named;
  issue?: string | null;
  requirement?: string | null;
  replyWorkingDays?: number | null;
  issuedAt?: DateLike;
  replyDueAt?: DateLike;
  /** supervision-notice.state enum value */
  state: string;
  reply?: string | null;
  repliedAt?: DateLike;
  reviewNote?: string | null;
  reviewedAt?: DateLike;
}
