/**
 * The vocabulary of the lights (pure: no Strapi). A light is always explained: every non-green light carries the
 * reasons that set it, each pointing at the record behind it.
 */
export type Light = 'green' | 'yellow' | 'red';

export const LIGHTS: readonly Light[] = ['green', 'yellow', 'red'];

/** Severity, for picking the worst light and sorting: red first when descending. */
export const RANK: Readonly<Record<Light, number>> = { green: 0, yellow: 1, red: 2 };

export const LIGHT_LABELS: Readonly<Record<Light, string>> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

export const worst = (lights: Iterable<Light>): Light => {
  let result: Light = 'green';
  for (const light of lights) if (RANK[light] > RANK[result]) result = light;
  return result;
};

export type ReasonCode =
  /** an open item falls due within the due-soon window */
  | 'due_soon'
  /** an open item is past its due instant */
  | 'overdue'
  /** an urgent (特别重大) problem is unresolved past its due */
  | 'urgent_problem'
  /** the planned start has passed and the project has not started */
  | 'start_slip'
  /** this year's investment is behind the time-elapsed schedule (序时进度) */
  | 'schedule'
  /** the investing enterprise is on the blacklist (失信名单) */
  | 'blacklisted';

/** A record a reason points at. */
export interface Ref {
  uid: string;
  documentId: string;
  title: string;
}

export interface BureauRef {
  documentId: string;
  name: string;
}

export interface Reason {
  code: ReasonCode;
  light: Exclude<Light, 'green'>;
  /** What a person reads: "区自然资源局 意见逾期 4 个工作日". */
  message: string;
  /** The record behind the reason (the opinion, the problem, the project itself …). */
  target: Ref;
  /** The bureau responsible for the record, when there is one. */
  bureau?: BureauRef | null;
  /** The measure behind the reason: working days overdue or left, months slipped, points behind. */
  value?: number;
  /** The due instant (ISO) for due-soon and overdue reasons. */
  dueAt?: string;
}

export interface Evaluation {
  light: Light;
  reasons: Reason[];
}

export const PROJECT_CATEGORIES = ['key_provincial_municipal', 'optimized_provincial', 'overall_development', 'livelihood', 'general'] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

/** Stages before the start: a passed planned start date means the start slipped. */
export const BEFORE_START = ['declared', 'pre_assessing', 'assessed', 'in_library', 'reported_to_city'] as const;
/** Under construction: the time-elapsed investment schedule applies. */
export const UNDER_CONSTRUCTION = ['started'] as const;
