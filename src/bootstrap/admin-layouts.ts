import type { Core } from '@strapi/strapi';

/**
 * How the content manager shows each record: the useful list columns (not just id) and edit views grouped
 * row by row (identity, parties, money, dates, workflow). Applied once per layout version, so a layout the
 * office later rearranges in "配置视图" stays as they left it; a type whose layout changed gets its own higher
 * `version`, so only that type's layout is applied again.
 */
const LAYOUT_VERSION = 1;

type Row = Array<string | [string, number]>;
interface Layout {
  /** Raised when this type's layout changes (default LAYOUT_VERSION). */
  version?: number;
  list: string[];
  edit?: Row[];
  sort?: [string, 'ASC' | 'DESC'];
  /** The field that names a record in relation pickers and lists of recent edits. */
  mainField?: string;
}

export const LAYOUTS: Record<string, Layout> = {
  'api::bureau.bureau': {
    // 2: the e-mail address deadline notices go to; 3: 首席代表 phone and 参加集中办公
    version: 3,
    list: ['name', 'kind', 'code', 'chiefRepresentative', 'phone', 'email', 'active'],
    edit: [['name', 'code'], ['kind', 'active', 'isSample'], ['chiefRepresentative', 'chiefRepresentativePhone', 'coWorking'], ['phone', 'email']],
    sort: ['id', 'ASC'],
  },
  'api::enterprise.enterprise': {
    // 2: 纳入金融预警
    version: 2,
    list: ['name', 'creditCode', 'creditLine', 'financeWatched', 'blacklisted'],
    edit: [
      ['name', 'creditCode'],
      ['legalRepresentative', 'contactPhone'],
      [['address', 12]],
      ['creditLine', 'financeWatched', 'blacklisted'],
      ['isDemo'],
      ['projects'],
    ],
  },
  'api::project.project': {
    list: ['code', 'name', 'category', 'stage', 'light', 'applicantBureau', 'plannedInvestment', 'completedInvestment'],
    edit: [
      ['name', 'code'],
      ['category', 'industry'],
      [['summary', 12]],
      ['applicantBureau', 'enterprise'],
      ['plannedInvestment', 'annualPlannedInvestment', 'completedInvestment'],
      ['landArea', 'stage'],
      ['plannedStartDate', 'actualStartDate'],
      ['plannedCompletionDate', 'actualCompletionDate'],
      ['leader', 'commissioner'],
      [['team', 12]],
      ['milestones'],
      ['light', 'lightChangedAt'],
      ['lightReasons'],
      ['preAssessments', 'progressReports'],
      ['problems', 'tasks'],
      ['isDemo'],
    ],
    sort: ['code', 'DESC'],
  },
  'api::progress-report.progress-report': {
    list: ['project', 'period', 'investmentThisPeriod', 'updatedAt'],
    edit: [['project', 'period'], ['investmentThisPeriod'], [['description', 12]], ['images']],
    sort: ['period', 'DESC'],
  },
  'api::pre-assessment.pre-assessment': {
    // 2: the applicant's attestation (申报主体承诺)
    version: 2,
    list: ['title', 'project', 'state', 'conclusion', 'requestedAt', 'feedbackAt'],
    edit: [
      ['project', 'leadBureau'],
      ['requestedAt', 'isMajor'],
      ['materials', 'experts'],
      ['attestedBy', 'attestingBureau', 'attestedAt'],
      [['attestationStatement', 12]],
      ['state', 'conclusion'],
      [['conclusionNote', 12]],
      ['feedbackAt', 'title'],
      ['opinions'],
    ],
    sort: ['requestedAt', 'DESC'],
  },
  'api::opinion.opinion': {
    list: ['title', 'preAssessment', 'bureau', 'dimension', 'state', 'verdict', 'dueAt'],
    edit: [['preAssessment', 'bureau'], ['dimension', 'state'], ['verdict', 'dueAt'], [['content', 12]], ['submittedAt', 'title']],
    sort: ['dueAt', 'ASC'],
  },
  'api::expert.expert': {
    list: ['name', 'specialty', 'title', 'organization', 'active'],
    edit: [['name', 'title'], ['specialty', 'organization'], ['phone', 'email'], ['active'], ['preAssessments']],
  },
  'api::problem.problem': {
    list: ['title', 'project', 'category', 'state', 'level', 'leadBureau', 'isUrgent', 'period'],
    edit: [
      ['title', 'project'],
      ['category', 'level'],
      ['reportingBureau', 'period', 'isUrgent'],
      [['description', 12]],
      [['suggestion', 12]],
      ['state', 'leadBureau'],
      ['assignedAt', 'proposalDueAt'],
      [['proposal', 12]],
      ['proposedAt'],
      [['resolution', 12]],
      ['resolvedAt'],
      ['tasks'],
    ],
    sort: ['createdAt', 'DESC'],
  },
  'api::problem-list.problem-list': {
    // 2: the problems as issued
    version: 2,
    list: ['title', 'period', 'state', 'compiledAt', 'issuedAt'],
    edit: [['title', 'period'], ['state', 'compiledAt', 'issuedAt'], ['problems'], [['note', 12]], [['snapshot', 12]]],
    sort: ['period', 'DESC'],
  },
  'api::bulletin.bulletin': {
    list: ['title', 'periodLabel', 'periodStart', 'periodEnd', 'state', 'issuedAt'],
    edit: [['title', 'periodLabel'], ['periodStart', 'periodEnd'], ['state', 'issuedAt'], [['note', 12]], [['figures', 12]]],
    sort: ['periodEnd', 'DESC'],
  },
  'api::meeting.meeting': {
    // 2: state, organizer, the proposed agenda (tasks, note) and the regular series
    version: 2,
    list: ['title', 'type', 'state', 'heldAt', 'mode', 'location', 'chair'],
    edit: [
      ['title', 'type'],
      ['state', 'heldAt'],
      ['mode', 'location'],
      ['chair', 'organizer'],
      ['recurrence', 'series'],
      ['attendees', 'projects'],
      ['problems', 'tasks'],
      [['agendaNote', 12]],
      ['minutes'],
      [['summary', 12]],
    ],
    sort: ['heldAt', 'DESC'],
  },
  'api::minute.minute': {
    // 2: the responsibility list's progress
    version: 2,
    list: ['title', 'number', 'meeting', 'issuedAt', 'tasksTotal', 'tasksDone'],
    edit: [['title', 'number'], ['meeting', 'issuedAt'], ['content'], ['tasks'], ['tasksTotal', 'tasksDone']],
    sort: ['issuedAt', 'DESC'],
  },
  'api::task.task': {
    list: ['title', 'responsibleBureau', 'deadline', 'state', 'project', 'minute'],
    edit: [
      ['title', 'state'],
      [['description', 12]],
      ['responsibleBureau', 'coBureaus'],
      ['deadline', 'dueAt'],
      ['minute', 'project'],
      ['problem', 'completedAt'],
      [['completionNote', 12]],
    ],
    sort: ['deadline', 'ASC'],
  },
  'api::pledge.pledge': {
    list: ['bureau', 'pledgedBy', 'year', 'fulfilmentRate'],
    edit: [['bureau', 'pledgedBy'], ['year', 'fulfilmentRate'], ['projects'], [['targets', 12]], [['measures', 12]], ['nodes']],
    sort: ['year', 'DESC'],
  },
  'api::monthly-report.monthly-report': {
    list: ['title', 'bureau', 'period', 'state', 'nothingToReport', 'dueAt', 'submittedAt'],
    edit: [['bureau', 'period'], ['state', 'nothingToReport'], ['problems'], [['note', 12]], ['dueAt', 'submittedAt']],
    sort: ['period', 'DESC'],
  },
  'api::credit-record.credit-record': {
    list: ['enterprise', 'kind', 'decidedAt', 'blacklist', 'state', 'repairedAt', 'project'],
    edit: [
      ['enterprise', 'project'],
      ['kind', 'decidedAt'],
      ['decidedBy', 'blacklist'],
      [['description', 12]],
      [['measures', 12]],
      ['repairedAt', 'state'],
      [['repairReason', 12]],
    ],
    sort: ['decidedAt', 'DESC'],
  },
  'plugin::deadlines.rule': { list: ['name', 'contentType', 'durationKind', 'duration', 'active'], mainField: 'name' },
  'plugin::deadlines.deadline': {
    list: ['targetTitle', 'rule', 'bureau', 'dueAt', 'state', 'fallback'],
    sort: ['dueAt', 'ASC'],
    mainField: 'targetTitle',
  },
  'plugin::deadlines.extension': { list: ['deadline', 'requestedBy', 'requestedDueDate', 'state', 'decidedAt'], mainField: 'reason' },
  'plugin::deadlines.calendar-override': { list: ['date', 'kind', 'name', 'note'], sort: ['date', 'DESC'], mainField: 'name' },
  'plugin::deadlines.notification': { list: ['title', 'kind', 'bureau', 'dueAt', 'readAt'], sort: ['createdAt', 'DESC'], mainField: 'title' },
  'plugin::deadlines.delivery': { list: ['key', 'kind', 'dueAt', 'deliveredAt'], mainField: 'key' },
  'plugin::bureau-views.membership': { list: ['user', 'bureau', 'note', 'updatedAt'], edit: [['user', 'bureau'], ['note']] },
  'api::responsibility-matrix.responsibility-matrix': {
    list: ['leadBureau'],
    edit: [['leadBureau'], ['assignments'], [['note', 12]]],
  },
  // 金融风险预警
  'api::finance-indicator.finance-indicator': {
    list: ['enterprise', 'period', 'debtToAssetRatio', 'loanBalance', 'overdueLoans', 'source', 'updatedAt'],
    edit: [
      ['enterprise', 'period'],
      ['source', 'reportedBy'],
      ['outputValue', 'profitAndTax', 'electricityConsumption'],
      [['majorInvestments', 12]],
      ['managementChanged'],
      [['managementChangeNote', 12]],
      ['debtToAssetRatio', 'totalAssetTurnover', 'currentAssetTurnover'],
      ['receivablesTurnover', 'equityRatio', 'interestCoverage'],
      ['netAssets'],
      ['loanBalance', 'offBalanceFinancing', 'lenderCount'],
      ['repaymentsDueSoon', 'externalGuarantees', 'overdueLoans'],
      ['loansWithdrawn', 'bondFinancing', 'privateFinancing'],
      [['guarantors', 12]],
      ['safetyAccidents', 'criminalCases', 'petitions'],
      ['mediaExposures', 'environmentalIncidents', 'illegalFundraising'],
      [['incidentNote', 12]],
      [['note', 12]],
    ],
    sort: ['period', 'DESC'],
    mainField: 'title',
  },
  'api::finance-warning-rule.finance-warning-rule': {
    list: ['name', 'indicator', 'comparison', 'threshold', 'level', 'active'],
    edit: [['name', 'key'], ['indicator', 'comparison'], ['threshold', 'level', 'active'], [['description', 12]]],
    sort: ['id', 'ASC'],
    mainField: 'name',
  },
  'api::finance-warning.finance-warning': {
    list: ['title', 'enterprise', 'period', 'level', 'state', 'raisedAt', 'dueAt', 'handledAt'],
    edit: [
      ['title', 'level'],
      ['enterprise', 'indicator'],
      ['period', 'bureau'],
      [['firedRules', 12]],
      ['state', 'raisedAt', 'dueAt'],
      [['serviceOffered', 12]],
      ['handledBy', 'handledAt'],
      [['note', 12]],
      [['history', 12]],
    ],
    sort: ['raisedAt', 'DESC'],
    mainField: 'title',
  },
  // 向上报送
  'api::upward-report.upward-report': {
    list: ['title', 'target', 'event', 'state', 'attempts', 'createdAt', 'deliveredAt', 'lastError'],
    edit: [
      ['title', 'target'],
      ['subjectType', 'subjectDocumentId'],
      ['event', 'triggeredBy'],
      ['state', 'attempts', 'deliveredAt'],
      ['lastAttemptAt', 'nextAttemptAt', 'responseStatus'],
      [['lastError', 12]],
      [['responseBody', 12]],
      [['note', 12]],
      ['reportId', 'subjectUid'],
      [['payload', 12]],
      [['attemptLog', 12]],
    ],
    sort: ['createdAt', 'DESC'],
    mainField: 'title',
  },
  'api::upward-setting.upward-setting': {
    list: ['projectLibraryEnabled', 'developmentReformEnabled', 'creditEnabled', 'maxAttempts', 'backoffSeconds', 'timeoutSeconds'],
    edit: [
      ['projectLibraryEnabled', 'projectLibrarySecretSet'],
      ['projectLibraryUrl', 'projectLibrarySecret'],
      ['developmentReformEnabled', 'developmentReformSecretSet'],
      ['developmentReformUrl', 'developmentReformSecret'],
      ['creditEnabled', 'creditSecretSet'],
      ['creditUrl', 'creditSecret'],
      ['maxAttempts', 'backoffSeconds', 'timeoutSeconds'],
      [['note', 12]],
    ],
  },
  // 专项督查与督办单
  'api::inspection.inspection': {
    list: ['title', 'scopeKind', 'theme', 'inspectedAt', 'inspectors', 'state'],
    edit: [['title', 'state'], ['scopeKind', 'theme'], ['projects', 'bureaus'], ['inspectedAt', 'inspectors'], [['findings', 12]], ['findingBureaus', 'notices'], [['note', 12]]],
    sort: ['inspectedAt', 'DESC'],
    mainField: 'title',
  },
  'api::supervision-notice.supervision-notice': {
    list: ['number', 'bureau', 'source', 'state', 'issuedAt', 'replyDueAt', 'repliedAt'],
    edit: [
      ['number', 'source'],
      ['bureau', 'project'],
      ['inspection', 'sourceDeadline'],
      [['issue', 12]],
      [['requirement', 12]],
      ['replyWorkingDays', 'issuedAt', 'replyDueAt'],
      ['state', 'repliedAt'],
      [['reply', 12]],
      [['reviewNote', 12]],
      ['reviewedAt'],
      [['history', 12]],
    ],
    sort: ['issuedAt', 'DESC'],
    mainField: 'number',
  },
};

// 亩产效益评价: the figures the third party reports, then what the platform derives from them
Object.assign(LAYOUTS, {
  'api::land-evaluation.land-evaluation': {
    list: ['year', 'enterprise', 'project', 'score', 'grade', 'rank', 'taxPerMu', 'revenuePerMu', 'evaluator'],
    edit: [
      ['enterprise', 'project'],
      ['year', 'evaluator'],
      ['landArea', 'taxRevenue', 'revenue'],
      ['energyConsumption', 'rdExpense', 'employees'],
      ['score', 'grade', 'rank'],
      ['taxPerMu', 'revenuePerMu', 'revenuePerEnergy'],
      ['labourProductivity', 'rdRatio'],
      [['scoring', 12]],
      [['note', 12]],
      ['isDemo'],
    ],
    sort: ['score', 'DESC'],
  },
  'api::land-evaluation-setting.land-evaluation-setting': {
    list: ['gradingMode'],
    edit: [
      ['weightTaxPerMu', 'weightRevenuePerMu', 'weightRevenuePerEnergy'],
      ['weightLabourProductivity', 'weightRdRatio'],
      ['gradingMode'],
      ['cutoffA', 'cutoffB', 'cutoffC'],
      ['thresholdA', 'thresholdB', 'thresholdC'],
      [['note', 12]],
    ],
    // the edit view is titled with the type's name (亩产效益评价设置), not the document id
    mainField: 'id',
  },
} satisfies Record<string, Layout>);

// 首席代表集中办公: the day, then each bureau's attendance
Object.assign(LAYOUTS, {
  'api::co-working-day.co-working-day': {
    list: ['date', 'location', 'note'],
    edit: [['date', 'location'], [['attendance', 12]], [['note', 12]]],
    sort: ['date', 'DESC'],
    mainField: 'date',
  },
} satisfies Record<string, Layout>);

/** Fields the server computes: shown, never editable in the admin panel. */
const READ_ONLY = new Set([
  'completedInvestment',
  'light',
  'lightReasons',
  'lightChangedAt',
  'blacklisted',
  'fulfilmentRate',
  'dueAt',
  'proposalDueAt',
  'title@api::pre-assessment.pre-assessment',
  'title@api::opinion.opinion',
  'submittedAt',
  'feedbackAt',
  'title@api::monthly-report.monthly-report',
  'agendaNote',
  'tasksTotal',
  'tasksDone',
  'snapshot',
  'state@api::credit-record.credit-record',
  // 金融风险预警: joined by the credit line; warnings are the platform's, but for their handling
  'financeWatched',
  'title@api::finance-indicator.finance-indicator',
  'key@api::finance-warning-rule.finance-warning-rule',
  'title@api::finance-warning.finance-warning',
  'enterprise@api::finance-warning.finance-warning',
  'indicator@api::finance-warning.finance-warning',
  'period@api::finance-warning.finance-warning',
  'level@api::finance-warning.finance-warning',
  'firedRules',
  'raisedAt',
  'handledAt',
  'bureau@api::finance-warning.finance-warning',
  'history@api::finance-warning.finance-warning',
  // 向上报送: the platform's, but for the note (and a failed report's state, back to pending)
  ...[
    'reportId', 'subjectUid', 'title', 'event', 'payload', 'triggeredBy', 'attempts', 'nextAttemptAt', 'lastAttemptAt',
    'lastError', 'deliveredAt', 'responseStatus', 'responseBody', 'attemptLog',
  ].map((field) => `${field}@api::upward-report.upward-report`),
  'projectLibrarySecretSet',
  'developmentReformSecretSet',
  'creditSecretSet',
  // 专项督查与督办单: numbers, stamps and history are the platform's
  'findingBureaus',
  'number@api::supervision-notice.supervision-notice',
  'source@api::supervision-notice.supervision-notice',
  'sourceDeadline',
  'issuedAt',
  'replyDueAt',
  'repliedAt',
  'reviewedAt',
  'history@api::supervision-notice.supervision-notice',
  // a finding's key ties it to its 督办单: set by the platform when the finding is saved
  'key@inspection.finding',
]);
// 亩产效益评价: derived by the grading
for (const field of ['taxPerMu', 'revenuePerMu', 'revenuePerEnergy', 'labourProductivity', 'rdRatio', 'score', 'rank', 'grade', 'scoring']) {
  READ_ONLY.add(`${field}@api::land-evaluation.land-evaluation`);
}

const FULL_WIDTH = new Set(['component', 'json', 'richtext', 'blocks', 'dynamiczone']);
const SMALL = new Set(['boolean', 'date', 'time', 'integer', 'decimal', 'float', 'biginteger']);

export async function configureAdminLayouts(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'lanshan', key: 'admin-layouts' });
  const applied = ((await store.get({})) as Record<string, number> | null) ?? {};
  const service = strapi.plugin('content-manager').service('content-types');

  for (const [uid, layout] of Object.entries(LAYOUTS)) {
    const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes];
    if (!contentType) continue;
    const configuration = await service.findConfiguration({ uid });
    const attributes = contentType.attributes as Record<string, { type: string }>;

    for (const [field, meta] of Object.entries<any>(configuration.metadatas ?? {})) {
      if (READ_ONLY.has(field) || READ_ONLY.has(`${field}@${uid}`)) meta.edit = { ...meta.edit, editable: false };
    }
    const version = layout.version ?? LAYOUT_VERSION;
    if ((applied[uid] ?? 0) < version) {
      const size = (field: string) => {
        const type = attributes[field]?.type;
        return FULL_WIDTH.has(type) ? 12 : SMALL.has(type) ? 4 : 6;
      };
      configuration.layouts = {
        ...configuration.layouts,
        list: layout.list.filter((field) => field in attributes || field === 'updatedAt'),
        edit: layout.edit
          ? layout.edit.flatMap((row) =>
              fitRows(
                row
                  .map((cell) => (Array.isArray(cell) ? { name: cell[0], size: cell[1] } : { name: cell, size: size(cell) }))
                  .filter((cell) => cell.name in attributes)
              )
            )
          : configuration.layouts.edit,
      };
      if (layout.sort) {
        configuration.settings = { ...configuration.settings, defaultSortBy: layout.sort[0], defaultSortOrder: layout.sort[1] };
      }
      if (layout.mainField) configuration.settings = { ...configuration.settings, mainField: layout.mainField };
      applied[uid] = version;
    }
    await service.updateConfiguration({ uid }, configuration);
  }
  await store.set({ value: applied });

  // components: the fields the platform sets in them
  const components = strapi.plugin('content-manager').service('components');
  for (const uid of Object.keys(strapi.components)) {
    const component = components.findComponent(uid);
    const configuration = await components.findConfiguration(component);
    const locked = Object.entries<any>(configuration.metadatas ?? {}).filter(([field]) => READ_ONLY.has(`${field}@${uid}`));
    if (!locked.length) continue;
    for (const [, meta] of locked) meta.edit = { ...meta.edit, editable: false };
    await components.updateConfiguration(component, configuration);
  }
}

/** A row holds at most 12 columns: wider rows wrap. */
function fitRows(cells: Array<{ name: string; size: number }>) {
  const rows: Array<typeof cells> = [];
  for (const cell of cells) {
    const last = rows.at(-1);
    if (last && last.reduce((sum, item) => sum + item.size, 0) + cell.size <= 12) last.push(cell);
    else rows.push([cell]);
  }
  return rows;
}
