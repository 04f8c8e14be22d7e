/**
 * Which records the lights depend on, by uid (pure data). The records know nothing of lights; this table is the
 * plugin's whole knowledge of them.
 */

/** Records whose open deadlines light their project (paths: relations leading to the project). */
export interface ItemSource {
  uid: string;
  /** What a person calls one of them. */
  label: string;
  /** Relation paths from the record to its project; the first one filled wins. */
  projectPaths: string[];
  /** Filter of the records still open (closed ones light nothing). */
  open: Record<string, unknown>;
  /** Boolean field marking an urgent (特别重大) record. */
  urgent?: string;
}

export const ITEM_SOURCES: readonly ItemSource[] = [
  { uid: 'api::opinion.opinion', label: '意见', projectPaths: ['preAssessment.project'], open: { state: 'pending' } },
  { uid: 'api::problem.problem', label: '问题', projectPaths: ['project'], open: { state: { $ne: 'resolved' } }, urgent: 'isUrgent' },
  { uid: 'api::task.task', label: '任务', projectPaths: ['project', 'problem.project'], open: { state: { $ne: 'done' } } },
];

/** Labels of deadline targets that are not project items (any type a rule covers gets its display name). */
export const OTHER_LABELS: Readonly<Record<string, string>> = {
  'api::monthly-report.monthly-report': '月度问题报送',
  'api::pledge.pledge': '承诺节点',
};

export const PLEDGE_NODE_LABEL = '承诺节点';

/**
 * What a write to a record changes: the projects and units (bureaus) reached by these paths, before and after
 * the write. `''` is the record itself. A deadline reaches whatever its target reaches.
 */
export interface Dependency {
  projects: string[];
  units: string[];
}

export const DEPENDENCIES: Readonly<Record<string, Dependency>> = {
  'api::project.project': { projects: [''], units: ['applicantBureau'] },
  'api::pre-assessment.pre-assessment': { projects: ['project'], units: ['leadBureau'] },
  'api::opinion.opinion': { projects: ['preAssessment.project'], units: ['bureau'] },
  'api::problem.problem': { projects: ['project'], units: ['leadBureau', 'reportingBureau'] },
  'api::task.task': { projects: ['project', 'problem.project'], units: ['responsibleBureau'] },
  'api::pledge.pledge': { projects: ['projects'], units: ['bureau'] },
  'api::enterprise.enterprise': { projects: ['projects'], units: [] },
  // a credit record changes its enterprise's blacklisting (src/records/rules/credit-record.ts): recomputed with the write
  'api::credit-record.credit-record': { projects: ['enterprise.projects'], units: [] },
  'api::progress-report.progress-report': { projects: ['project'], units: [] },
  'api::monthly-report.monthly-report': { projects: [], units: ['bureau'] },
  'plugin::deadlines.deadline': { projects: [], units: ['bureau'] },
};

/** Writes that change every light: the rules themselves and the working calendar. */
export const GLOBAL_CAUSES: Readonly<Record<string, 'rules' | 'calendar'>> = {
  'plugin::traffic-lights.rule': 'rules',
  'plugin::deadlines.calendar-override': 'calendar',
};

/** A populate object selecting only ids along relation paths: ['a.b', 'c'] → { a: { select: ['id'], populate: { b: … } }, c: … }. */
export function populateIds(paths: string[]): Record<string, any> {
  const root: Record<string, any> = {};
  for (const path of paths) {
    if (!path) continue;
    let level = root;
    for (const step of path.split('.')) {
      level[step] ??= { select: ['id'], populate: {} };
      level = level[step].populate;
    }
  }
  const prune = (node: Record<string, any>): Record<string, any> =>
    Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, Object.keys(value.populate).length ? { select: ['id'], populate: prune(value.populate) } : { select: ['id'] }])
    );
  return prune(root);
}

/** The ids a populated record reaches along a path ('' → the record itself); lists flattened, nulls dropped. */
export function idsAlong(record: Record<string, any> | null | undefined, path: string): number[] {
  if (!record) return [];
  if (!path) return typeof record.id === 'number' ? [record.id] : [];
  let level: any[] = [record];
  for (const step of path.split('.')) {
    level = level.flatMap((node) => (node == null ? [] : Array.isArray(node[step]) ? node[step] : [node[step]])).filter((node) => node != null);
  }
  return level.map((node) => node.id).filter((id): id is number => typeof id === 'number');
}

export const itemKey = (uid: string, documentId: string) => `item:${uid}:${documentId}`;
export const nodeKey = (pledgeDocumentId: string, index: number) => `item:api::pledge.pledge:${pledgeDocumentId}#${index + 1}`;
export const projectKey = (documentId: string) => `project:${documentId}`;
export const unitKey = (documentId: string) => `unit:${documentId}`;
