import type { CoWorkingFigure, WeekAttendance } from '../../../../../domain/co-working';
/**
 * The facts the figures are computed from (plain data, read from the records by the figures service) and the
 * figures themselves. Dates are ISO dates (YYYY-MM-DD) and months `YYYY-MM`, all in Asia/Shanghai; instants are
 * epoch milliseconds.
 */

/** A rate between 0 and 1 (the investment rate may exceed 1), rounded to four decimals; null (shown "—") when its denominator is 0. */
export type Rate = number | null;

export type Light = 'green' | 'yellow' | 'red';

/** Units with applicant figures (projects) and units with department figures (problems they lead, pledges). */
export type UnitGroup = 'applicant' | 'department';

export const APPLICANT_KINDS = ['town', 'zone', 'taskforce'] as const;
export const DEPARTMENT_KINDS = ['department'] as const;

export interface Period {
  /** First day of the period. */
  from: string;
  /** Last day of the period: the cut-off date. Figures are as of the end of this day. */
  to: string;
}

export interface UnitFacts {
  id: number;
  documentId: string;
  name: string;
  code: string | null;
  kind: string;
}

export interface ProjectFacts {
  id: number;
  /** Applicant unit (申报主体). */
  bureauId: number | null;
  plannedStartDate: string | null;
  actualStartDate: string | null;
  annualPlannedInvestment: number | null;
  /** When the project entered the platform (for its light: a project has no light before it exists). */
  createdAt: number;
  withdrawn: boolean;
}

export interface ReportFacts {
  projectId: number;
  period: string;
  investmentThisPeriod: number;
}

export interface ProblemFacts {
  reportingBureauId: number | null;
  leadBureauId: number | null;
  /** The month the problem was reported for (its `period`). */
  period: string;
  state: string;
  resolvedAt: number | null;
}

export interface PledgeFacts {
  bureauId: number | null;
  year: number;
  nodes: Array<{ targetDate: string; achievedDate?: string | null }>;
}

export interface LightChangeFacts {
  projectId: number;
  to: Light;
  changedAt: number;
}

/** 督办单: who received it, when it was issued and due, and its history of states. */
export interface NoticeFacts {
  bureauId: number | null;
  issuedAt: number;
  /** The reply deadline in force (a returned notice's is the later one). */
  replyDueAt: number | null;
  /** Each change of state, in order (the notice's `history`). */
  history: Array<{ at: number; to: string }>;
}

/** 首席代表集中办公: the weeks of the period with each attending bureau's attendance. */
export interface CoWorkingFacts {
  /** The bureaus expected to attend. */
  bureauIds: number[];
  weeks: WeekAttendance[];
}

export interface Facts {
  units: UnitFacts[];
  projects: ProjectFacts[];
  reports: ReportFacts[];
  problems: ProblemFacts[];
  pledges: PledgeFacts[];
  lightChanges: LightChangeFacts[];
  /** Absent in facts frozen before notices were counted. */
  notices?: NoticeFacts[];
  /** Absent in facts frozen before attendance was counted. */
  coWorking?: CoWorkingFacts;
}

export interface StartFigure {
  planned: number;
  started: number;
  rate: Rate;
}

export interface InvestmentFigure {
  /** 万元 */
  annualPlan: number;
  /** 万元 */
  completed: number;
  rate: Rate;
}

export interface ProblemFigure {
  reported: number;
  resolved: number;
  escalated: number;
  /** Reported minus escalated: the denominator. */
  counted: number;
  rate: Rate;
}

export interface PledgeFigure {
  due: number;
  met: number;
  late: number;
  missed: number;
  rate: Rate;
}

export interface LightFigure {
  red: number;
  yellow: number;
  green: number;
  total: number;
}

export interface SupervisionFigure {
  /** Notices issued to the unit within the period. */
  received: number;
  /** Of those, replied (or accepted) by the cut-off. */
  replied: number;
  /** Of those replied, the latest reply made by the reply deadline in force. */
  repliedOnTime: number;
  /** Accepted by the office by the cut-off. */
  accepted: number;
  /** Not accepted by the cut-off. */
  open: number;
  /** Waiting for a reply (issued or returned) with its deadline passed at the cut-off. */
  overdue: number;
  /** 督办单按期回复率 = repliedOnTime ÷ received. */
  rate: Rate;
}

export interface Figures {
  startRate: StartFigure | null;
  investmentRate: InvestmentFigure | null;
  problemResolution: ProblemFigure;
  pledgeFulfilment: PledgeFigure;
  lights: LightFigure | null;
  /** 督办单办理 (not part of the ranking score). */
  supervision: SupervisionFigure;
  /** 首席代表集中办公: null for units not expected to attend (not part of the ranking score). */
  coWorking?: CoWorkingFigure | null;
}

export interface UnitFigures extends Figures {
  bureau: { documentId: string; name: string; code: string | null; kind: string };
  group: UnitGroup;
  /** The mean of the unit's available rates (see the ranking rule); null when it has none. */
  score: Rate;
  /** Rank within its group; equal scores share a rank; null when unranked (no score). */
  rank: number | null;
}

export interface RankingEntry {
  rank: number | null;
  documentId: string;
  name: string;
  score: Rate;
}
