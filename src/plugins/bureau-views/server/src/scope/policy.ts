/**
 * Who may see and change what, per record type (the table in this plugin's README). A path is a chain of
 * relations ending at a bureau: `preAssessment.project.applicantBureau` reads "the applicant of the project of
 * this opinion's pre-assessment". Pure data: no Strapi import.
 */
export interface TypePolicy {
  /** `everyone`, the relation paths of which any one reaching the viewer's bureau makes a record readable, or a lead bureau. */
  read: 'everyone' | string[] | Lead;
  /** `office`, the relation paths of which any one reaching the viewer's bureau makes a record changeable, or a lead bureau. */
  write: 'office' | string[] | Lead;
  /** Set to the viewer's bureau on create, never changed by a non-office viewer afterwards. */
  owner?: string;
  /** Other fields that decide scope: a non-office viewer never writes them (the workflow or the office does). */
  protected?: string[];
  /** A relation a non-office viewer may only point at a record it can change (the parent that confers ownership). */
  anchors?: string[];
  /** Bureau viewers may create records of this type although only the office changes them (permissions decide who). */
  anyBureauCreates?: boolean;
  /**
   * Of a lead bureau's type: relations whose targets its people may link whatever their scope, and which the link
   * then opens to them (a credit record's project: the projects its records belong to, as for any department).
   */
  opens?: string[];
  /**
   * Each bureau's readable records are kept in a table rather than worked out from the paths on every read (see
   * `sets.ts`): for a type reached through many chains of link tables, read far more often than they change.
   */
  precomputed?: boolean;
  /**
   * Fields of a record its readers may not all see (see `held.ts`): each lead bureau's people, the office and the
   * leaders see the field; anyone else gets answers without it, may not filter or sort by it, and a create of
   * theirs leaves it to the platform.
   */
  held?: Record<string, Lead>;
}

/**
 * A type one bureau keeps for the district (亩产效益 by 工信局, credit by 发改局, financial warnings by 金融监管局):
 * the people of that bureau (by its `code`) see and change every record, other departments and towns none.
 */
export interface Lead {
  lead: string;
}

export const isLead = (rule: TypePolicy['read'] | TypePolicy['write'] | undefined): rule is Lead =>
  typeof rule === 'object' && rule !== null && !Array.isArray(rule);

/** Bureau codes of the lead bureaus (seeded in src/bootstrap/bureaus.ts). */
export const LEADS = {
  landEfficiency: { lead: 'industry-it' },
  credit: { lead: 'development-reform' },
  finance: { lead: 'financial-regulation' },
} as const satisfies Record<string, Lead>;

export const LEAD_CODES: string[] = Object.values(LEADS).map((lead) => lead.lead);

/** Records of the coordination office alone: a lead no bureau holds (not among LEAD_CODES). */
const OFFICE_ONLY: Lead = { lead: 'office' };

const led = (lead: Lead, opens?: string[]): Pick<TypePolicy, 'read' | 'write' | 'opens'> => ({ read: lead, write: lead, ...(opens ? { opens } : {}) });

export const PROJECT = 'api::project.project';

const PROJECT_READ = [
  'applicantBureau',
  'problems.reportingBureau',
  'problems.leadBureau',
  'tasks.responsibleBureau',
  'tasks.coBureaus',
  'preAssessments.leadBureau',
  'preAssessments.opinions.bureau',
];

const under = (relation: string, paths: string[]) => paths.map((path) => `${relation}.${path}`);

export const POLICIES: Record<string, TypePolicy> = {
  [PROJECT]: { read: PROJECT_READ, write: ['applicantBureau'], owner: 'applicantBureau', precomputed: true },
  'api::pre-assessment.pre-assessment': {
    read: ['project.applicantBureau', 'leadBureau', 'opinions.bureau'],
    write: ['project.applicantBureau', 'leadBureau'],
    protected: ['leadBureau'],
    anchors: ['project'],
  },
  'api::opinion.opinion': {
    read: ['bureau', 'preAssessment.project.applicantBureau', 'preAssessment.leadBureau'],
    write: ['bureau'],
    owner: 'bureau',
    protected: ['preAssessment'],
  },
  'api::problem.problem': {
    read: ['reportingBureau', 'leadBureau', 'project.applicantBureau', 'tasks.responsibleBureau', 'tasks.coBureaus'],
    write: ['reportingBureau', 'leadBureau'],
    owner: 'reportingBureau',
    protected: ['leadBureau'],
  },
  'api::task.task': {
    read: ['responsibleBureau', 'coBureaus', 'project.applicantBureau', 'problem.leadBureau'],
    write: ['responsibleBureau'],
    protected: ['responsibleBureau', 'coBureaus'],
  },
  'api::progress-report.progress-report': {
    read: under('project', PROJECT_READ),
    write: ['project.applicantBureau'],
    anchors: ['project'],
  },
  'api::monthly-report.monthly-report': { read: ['bureau'], write: ['bureau'], owner: 'bureau' },
  'api::pledge.pledge': { read: ['bureau', 'projects.applicantBureau'], write: ['bureau'], owner: 'bureau' },
  'api::meeting.meeting': { read: ['organizer', 'attendees', 'projects.applicantBureau'], write: 'office' },
  'api::minute.minute': {
    read: ['meeting.organizer', 'meeting.attendees', 'meeting.projects.applicantBureau', 'tasks.responsibleBureau', 'tasks.coBureaus'],
    write: 'office',
  },
  'api::problem-list.problem-list': { read: 'everyone', write: 'office' },
  'api::bulletin.bulletin': { read: 'everyone', write: 'office' },
  'api::bureau.bureau': { read: 'everyone', write: 'office' },
  // an investor is everyone's to read; its place on the dishonesty list is 发改局's, its credit line and
  // financial watch 金融监管局's
  'api::enterprise.enterprise': {
    read: 'everyone',
    write: 'office',
    anyBureauCreates: true,
    held: { blacklisted: LEADS.credit, creditLine: LEADS.finance, financeWatched: LEADS.finance },
  },
  'api::expert.expert': { read: 'everyone', write: 'office' },
  'api::responsibility-matrix.responsibility-matrix': { read: 'everyone', write: 'office' },
  'api::land-evaluation.land-evaluation': led(LEADS.landEfficiency, ['project']),
  'api::credit-record.credit-record': led(LEADS.credit, ['project']),
  'api::finance-indicator.finance-indicator': led(LEADS.finance),
  'api::finance-warning.finance-warning': led(LEADS.finance),
  'api::finance-warning-rule.finance-warning-rule': led(LEADS.finance),
  // how the grades are worked out: read with the evaluations (工信局, the office, leaders), set by the office
  'api::land-evaluation-setting.land-evaluation-setting': { read: LEADS.landEfficiency, write: 'office' },
  // 向上报送: the office's own records; no bureau leads them, so a department or town sees none (office and leaders all)
  'api::upward-report.upward-report': { read: OFFICE_ONLY, write: 'office' },
  'api::upward-setting.upward-setting': { read: OFFICE_ONLY, write: 'office' },
  // 专项督查: the office's; read by the units inspected and those named in its findings
  'api::inspection.inspection': { read: ['bureaus', 'findingBureaus'], write: 'office' },
  // 督办单: its bureau reads it and writes its reply (the rule keeps review to the office); the rest is the office's
  'api::supervision-notice.supervision-notice': {
    read: ['bureau'],
    write: ['bureau'],
    protected: ['bureau', 'inspection', 'project', 'issue', 'requirement', 'replyWorkingDays'],
  },
  // 集中办公日: the office plans the days and marks attendance; every unit reads them
  'api::co-working-day.co-working-day': { read: 'everyone', write: 'office' },
  'plugin::deadlines.deadline': { read: ['bureau'], write: 'office' },
  'plugin::deadlines.notification': { read: ['bureau'], write: ['bureau'] },
  'plugin::deadlines.extension': {
    read: ['requestedBy', 'deadline.bureau'],
    write: ['requestedBy'],
    owner: 'requestedBy',
  },
};

export const policyOf = (uid: string): TypePolicy | undefined => POLICIES[uid];

/** The (lead type, relation) pairs of lead bureaus' types that open records to their lead bureau. */
export const OPENINGS: Array<{ uid: string; field: string; lead: string }> = Object.entries(POLICIES).flatMap(([uid, policy]) =>
  isLead(policy.read) ? (policy.opens ?? []).map((field) => ({ uid, field, lead: (policy.read as Lead).lead })) : []
);

/** The held fields of every type, with the lead bureau that sees each. */
export const HELD_FIELDS: Array<{ uid: string; field: string; lead: string }> = Object.entries(POLICIES).flatMap(([uid, policy]) =>
  Object.entries(policy.held ?? {}).map(([field, lead]) => ({ uid, field, lead: lead.lead }))
);

/** Types whose records are not everyone's: reads of them are filtered. */
export const isScoped = (uid: string) => {
  const read = POLICIES[uid]?.read;
  return read !== undefined && read !== 'everyone';
};
