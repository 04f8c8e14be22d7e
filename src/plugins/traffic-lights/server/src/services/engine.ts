import type { Core } from '@strapi/strapi';
import { DateTime } from 'luxon';
import { lockRow } from '../../../../../utils/row-lock';
import { asEngine } from '../context';
import { clockAt, combine, evaluateItem, evaluateProject, nextDue, sameJson as same, settle, unitProjectReasons, ZONE, type Calendar, type ItemFacts, type ProjectFacts } from '../lights/evaluate';
import type { Thresholds } from '../lights/rules';
import { ITEM_SOURCES, OTHER_LABELS, PLEDGE_NODE_LABEL, idsAlong, itemKey, nodeKey, populateIds, projectKey, unitKey } from '../lights/sources';
import { RANK, type BureauRef, type Evaluation, type Light, type Reason } from '../lights/types';
import { BUREAU, DEADLINE, LIGHT, LIGHT_CHANGE, PLEDGE, PROGRESS_REPORT, PROJECT } from '../uids';

type Row = Record<string, any>;

export type Cause = 'record' | 'rules' | 'calendar' | 'daily' | 'backfill';

/** What one pass found and wrote (for logs, tests and the operators). */
export interface Outcome {
  projects: number;
  items: number;
  units: number;
  written: number;
  changes: number;
}

const OPEN_DEADLINE = ['pending', 'overdue'];
const PROJECT_LEVEL: ReadonlyArray<Reason['code']> = ['start_slip', 'schedule'];
const BATCH = 200;
const IN_CHUNK = 500;

interface Item {
  key: string;
  facts: ItemFacts;
  projectId: number | null;
  projectDocumentId: string | null;
  bureauId: number | null;
  open: boolean;
  evaluation?: Evaluation;
}

/** One light to store: a project, an item or a unit, with what it points at. */
interface Target {
  key: string;
  kind: 'project' | 'item' | 'unit';
  uid: string;
  documentId: string;
  title: string;
  project: string | null;
  bureau: string | null;
  /** The same records by id, for the link tables. */
  ids: { project: number | null; bureau: number | null; nextBureau?: number | null };
  open: boolean;
  evaluation: Evaluation;
  next?: { dueAt: string; uid: string; documentId: string; title: string; bureau: string | null } | null;
  /** For projects: the light the project record holds now. */
  recorded?: { light: Light; reasons: Reason[] | null; changedAt: string | null };
}

const chunks = <T>(list: T[], size = IN_CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

const bureauRef = (row: Row | null | undefined): BureauRef | null => (row?.documentId ? { documentId: row.documentId, name: row.name ?? '' } : null);

/** `a.b` → { a: { b: { id: { $in: ids } } } }: records whose path reaches one of the ids. */
const reaching = (path: string, ids: number[]) =>
  path
    .split('.')
    .reverse()
    .reduce<Row>((inner, step) => ({ [step]: inner }), { id: { $in: ids } });

/**
 * The light engine: gathers the facts of projects, their open items and units from the records, evaluates them
 * with the pure rules (lights/evaluate.ts) and stores what changed — the light row, a history row for every change
 * of colour, and the project's own `light`, `lightReasons`, `lightChangedAt`. Runs as the platform.
 */
const engine = ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db;
  const rulesService = () => strapi.plugin('traffic-lights').service('rules');
  const calendar = (): Promise<Calendar & { isWorkingDay(date: string): boolean }> => strapi.plugin('deadlines').service('calendar').get();

  async function findIn(uid: string, field: string, values: Array<string | number>, query: Row = {}): Promise<Row[]> {
    const rows: Row[] = [];
    for (const part of chunks([...new Set(values)])) {
      rows.push(...(await db().query(uid as any).findMany({ ...query, where: { $and: [{ [field]: { $in: part } }, query.where ?? {}] } })));
    }
    return rows;
  }

  const labelOf = (uid: string) =>
    ITEM_SOURCES.find((source) => source.uid === uid)?.label ?? OTHER_LABELS[uid] ?? (strapi.getModel(uid as any)?.info?.displayName as string) ?? '事项';

  /** Facts of projects, with this year's reported investment. */
  async function loadProjects(ids: number[], today: string): Promise<Map<number, { row: Row; facts: ProjectFacts }>> {
    if (!ids.length) return new Map();
    const rows = await findIn(PROJECT, 'id', ids, {
      select: ['id', 'documentId', 'name', 'code', 'category', 'stage', 'plannedStartDate', 'actualStartDate', 'annualPlannedInvestment', 'light', 'lightReasons', 'lightChangedAt'],
      populate: { enterprise: { select: ['documentId', 'name', 'blacklisted'] }, applicantBureau: { select: ['id', 'documentId', 'name'] } },
    });
    const invested = new Map<number, number>();
    const reports = await findIn(PROGRESS_REPORT, 'project', ids, {
      where: { period: { $startsWith: `${today.slice(0, 4)}-` } },
      select: ['investmentThisPeriod'],
      populate: { project: { select: ['id'] } },
    });
    for (const report of reports) {
      const id = report.project?.id;
      if (id) invested.set(id, (invested.get(id) ?? 0) + Number(report.investmentThisPeriod ?? 0));
    }
    return new Map(
      rows.map((row) => [
        row.id,
        {
          row,
          facts: {
            target: { uid: PROJECT, documentId: row.documentId, title: row.name ?? row.code ?? row.documentId },
            category: row.category ?? null,
            stage: row.stage ?? null,
            plannedStartDate: row.plannedStartDate ?? null,
            actualStartDate: row.actualStartDate ?? null,
            annualPlannedInvestment: row.annualPlannedInvestment == null ? null : Number(row.annualPlannedInvestment),
            investedThisYear: invested.get(row.id) ?? 0,
            enterprise: row.enterprise ? { documentId: row.enterprise.documentId, name: row.enterprise.name, blacklisted: Boolean(row.enterprise.blacklisted) } : null,
            applicant: bureauRef(row.applicantBureau),
          },
        },
      ])
    );
  }

  /**
   * The open items of projects and units, and any item that had a light under them (so a closed item turns
   * green): records of the item sources, their open deadlines, pledge nodes not yet achieved.
   */
  async function loadItems(projectIds: number[], unitIds: () => Promise<number[]>): Promise<{ items: Map<string, Item>; units: number[] }> {
    const targets = new Map<string, Set<string>>();
    const note = (uid: string, documentId: string) => {
      if (!targets.has(uid)) targets.set(uid, new Set());
      targets.get(uid)!.add(documentId);
    };
    const pledgeIds = new Set<number>();

    if (projectIds.length) {
      for (const source of ITEM_SOURCES) {
        const where = { $and: [source.open, { $or: source.projectPaths.map((path) => reaching(path, projectIds)) }] };
        for (const row of await db().query(source.uid as any).findMany({ where, select: ['documentId'] })) note(source.uid, row.documentId);
      }
      for (const row of await db().query(PLEDGE as any).findMany({ where: { projects: { id: { $in: projectIds } } }, select: ['id'] })) pledgeIds.add(row.id);
    }

    // deadlines of the project items tell their bureaus, whose units are then affected too
    const deadlines = new Map<number, Row>();
    const loadDeadlines = async (where: Row) => {
      for (const row of await db().query(DEADLINE as any).findMany({
        where: { $and: [where, { state: { $in: OPEN_DEADLINE } }] },
        select: ['id', 'targetUid', 'targetDocumentId', 'targetTitle', 'dueAt', 'state'],
        populate: { bureau: { select: ['id', 'documentId', 'name'] } },
      })) {
        deadlines.set(row.id, row);
        if (row.targetUid && row.targetDocumentId) note(row.targetUid, row.targetDocumentId);
      }
    };
    const projectTargets = [...targets.values()].flatMap((set) => [...set]);
    for (const part of chunks(projectTargets)) await loadDeadlines({ targetDocumentId: { $in: part } });

    const units = [...new Set([...(await unitIds()), ...[...deadlines.values()].map((row) => row.bureau?.id).filter(Boolean)])] as number[];
    if (units.length) {
      for (const part of chunks(units)) await loadDeadlines({ bureau: { id: { $in: part } } });
      for (const row of await findIn(PLEDGE, 'bureau', units, { select: ['id'] })) pledgeIds.add(row.id);
    }

    // items that had a light under these projects or units: re-evaluated, so that closed ones turn green
    const previous = await db().query(LIGHT as any).findMany({
      where: { kind: 'item', open: true, $or: [{ project: { id: { $in: projectIds } } }, { bureau: { id: { $in: units } } }] },
      select: ['key', 'targetUid', 'targetDocumentId'],
    });
    const pledgeDocumentIds = new Set<string>();
    for (const row of previous) {
      if (row.targetUid === PLEDGE) pledgeDocumentIds.add(row.targetDocumentId);
      else note(row.targetUid, row.targetDocumentId);
    }
    const known = new Set([...deadlines.values()].map((row) => row.targetDocumentId));
    const unknown = previous.filter((row) => row.targetUid !== PLEDGE && !known.has(row.targetDocumentId)).map((row) => row.targetDocumentId);
    for (const part of chunks(unknown)) await loadDeadlines({ targetDocumentId: { $in: part } });

    // the records behind the deadlines: title, urgency, project, whether still open
    const records = new Map<string, { row: Row; projectId: number | null; open: boolean }>();
    for (const [uid, documentIds] of targets) {
      const source = ITEM_SOURCES.find((candidate) => candidate.uid === uid);
      const model = strapi.getModel(uid as any) as Row | undefined;
      if (!model) continue;
      const paths = source?.projectPaths ?? (model.attributes?.project?.type === 'relation' ? ['project'] : []);
      const select = ['id', 'documentId', ...(source?.urgent ? [source.urgent] : [])];
      const rows = await findIn(uid, 'documentId', [...documentIds], { select, populate: populateIds(paths) });
      const open = source ? new Set((await findIn(uid, 'documentId', [...documentIds], { where: source.open, select: ['documentId'] })).map((row) => row.documentId)) : null;
      for (const row of rows) {
        const projectId = paths.map((path) => idsAlong(row, path)[0]).find((id) => id !== undefined) ?? null;
        records.set(`${uid}|${row.documentId}`, { row, projectId, open: open ? open.has(row.documentId) : true });
      }
    }

    const items = new Map<string, Item>();
    const byTarget = new Map<string, Row[]>();
    for (const row of deadlines.values()) {
      const key = `${row.targetUid}|${row.targetDocumentId}`;
      if (!byTarget.has(key)) byTarget.set(key, []);
      byTarget.get(key)!.push(row);
    }
    for (const [uid, documentIds] of targets) {
      const source = ITEM_SOURCES.find((candidate) => candidate.uid === uid);
      for (const documentId of documentIds) {
        const record = records.get(`${uid}|${documentId}`);
        const open = (byTarget.get(`${uid}|${documentId}`) ?? []).sort((a, b) => String(a.dueAt ?? '').localeCompare(String(b.dueAt ?? '')));
        const first = open[0];
        const isOpen = Boolean(record?.open) && open.length > 0;
        items.set(itemKey(uid, documentId), {
          key: itemKey(uid, documentId),
          projectId: record?.projectId ?? null,
          projectDocumentId: null,
          bureauId: first?.bureau?.id ?? null,
          open: isOpen,
          facts: {
            target: { uid, documentId, title: first?.targetTitle ?? record?.row?.title ?? documentId },
            kindLabel: labelOf(uid),
            bureau: bureauRef(first?.bureau),
            dueAt: isOpen && first?.dueAt ? new Date(first.dueAt).toISOString() : null,
            overdue: isOpen && open.some((row) => row.state === 'overdue'),
            urgent: Boolean(source?.urgent && record?.row?.[source.urgent]),
          },
        });
      }
    }

    // pledge nodes: each node not achieved is an item of the pledge's bureau, due at the end of its target date
    const pledges = [
      ...(pledgeIds.size ? await findIn(PLEDGE, 'id', [...pledgeIds], { populate: { nodes: true, bureau: { select: ['id', 'documentId', 'name'] }, projects: { select: ['id'] } } }) : []),
      ...(pledgeDocumentIds.size
        ? await findIn(PLEDGE, 'documentId', [...pledgeDocumentIds], { where: { id: { $notIn: [...pledgeIds] } }, populate: { nodes: true, bureau: { select: ['id', 'documentId', 'name'] }, projects: { select: ['id'] } } })
        : []),
    ];
    for (const pledge of pledges) {
      (pledge.nodes ?? []).forEach((node: Row, index: number) => {
        const open = Boolean(node.targetDate) && !node.achievedDate;
        const key = nodeKey(pledge.documentId, index);
        items.set(key, {
          key,
          projectId: pledge.projects?.[0]?.id ?? null,
          projectDocumentId: null,
          bureauId: pledge.bureau?.id ?? null,
          open,
          facts: {
            target: { uid: PLEDGE, documentId: pledge.documentId, title: node.title ?? `${pledge.year ?? ''} 承诺节点 ${index + 1}` },
            kindLabel: PLEDGE_NODE_LABEL,
            bureau: bureauRef(pledge.bureau),
            dueAt: open ? DateTime.fromISO(String(node.targetDate).slice(0, 10), { zone: ZONE }).endOf('day').toJSDate().toISOString() : null,
          },
        });
      });
    }
    // items that had a light and are gone (record deleted, node removed): close them
    for (const row of previous) {
      if (!items.has(row.key)) {
        items.set(row.key, {
          key: row.key,
          projectId: null,
          projectDocumentId: null,
          bureauId: null,
          open: false,
          facts: { target: { uid: row.targetUid, documentId: row.targetDocumentId, title: row.targetDocumentId }, kindLabel: labelOf(row.targetUid), bureau: null, dueAt: null },
        });
      }
    }
    return { items, units };
  }

  /** Categories of the projects items belong to (an item follows its project's rules). */
  async function categoriesOf(ids: number[], known: Map<number, { row: Row }>): Promise<Map<number, { category: string | null; documentId: string }>> {
    const out = new Map<number, { category: string | null; documentId: string }>();
    for (const [id, { row }] of known) out.set(id, { category: row.category ?? null, documentId: row.documentId });
    const missing = ids.filter((id) => !out.has(id));
    for (const row of missing.length ? await findIn(PROJECT, 'id', missing, { select: ['id', 'documentId', 'category'] }) : []) {
      out.set(row.id, { category: row.category ?? null, documentId: row.documentId });
    }
    return out;
  }

  /** Evaluates projects and units and stores what changed. `expand`: also the units those projects touch. */
  async function evaluate(projectIds: number[], unitIds: number[], cause: Cause, expand = true): Promise<Outcome> {
    const now = new Date();
    const clock = clockAt(now);
    const [cal, rulesFor] = await Promise.all([calendar(), rulesService().resolver() as Promise<(category: string | null) => Thresholds>]);
    const projects = await loadProjects(projectIds, clock.today);
    const applicants = [...projects.values()].map(({ row }) => row.applicantBureau?.id).filter(Boolean) as number[];
    const { items, units } = await loadItems([...projects.keys()], async () => (expand ? [...unitIds, ...applicants] : unitIds));
    if (!expand) units.splice(0, units.length, ...new Set(unitIds));
    const categories = await categoriesOf([...items.values()].map((item) => item.projectId).filter((id): id is number => id !== null), projects);

    for (const item of items.values()) {
      const project = item.projectId !== null ? categories.get(item.projectId) : undefined;
      item.projectDocumentId = project?.documentId ?? null;
      item.evaluation = item.open ? evaluateItem(item.facts, rulesFor(project?.category ?? null), cal, clock) : { light: 'green', reasons: [] };
    }

    const targets: Target[] = [];
    const freshProjectReasons = new Map<number, Reason[]>();
    for (const [id, { row, facts }] of projects) {
      const own = evaluateProject(facts, rulesFor(facts.category), clock);
      const mine = [...items.values()].filter((item) => item.projectId === id && item.open);
      const evaluation = combine(own, mine.map((item) => item.evaluation!));
      const next = nextDue(mine.map((item) => ({ ...item, dueAt: item.facts.dueAt })));
      freshProjectReasons.set(id, own.reasons);
      targets.push({
        key: projectKey(row.documentId),
        kind: 'project',
        uid: PROJECT,
        documentId: row.documentId,
        title: facts.target.title,
        project: row.documentId,
        bureau: row.applicantBureau?.documentId ?? null,
        ids: { project: id, bureau: row.applicantBureau?.id ?? null, nextBureau: next?.bureauId ?? null },
        open: true,
        evaluation,
        next: next
          ? { dueAt: next.facts.dueAt!, uid: next.facts.target.uid, documentId: next.facts.target.documentId, title: `${next.facts.kindLabel}：${next.facts.target.title}`, bureau: next.facts.bureau?.documentId ?? null }
          : null,
        recorded: { light: row.light ?? 'green', reasons: row.lightReasons ?? null, changedAt: row.lightChangedAt ?? null },
      });
    }
    for (const item of items.values()) {
      targets.push({
        key: item.key,
        kind: 'item',
        uid: item.facts.target.uid,
        documentId: item.facts.target.documentId,
        title: item.facts.target.title,
        project: item.projectDocumentId,
        bureau: item.facts.bureau?.documentId ?? null,
        ids: { project: item.projectDocumentId ? item.projectId : null, bureau: item.facts.bureau ? item.bureauId : null },
        open: item.open,
        evaluation: item.evaluation!,
      });
    }

    if (units.length) {
      const bureaus = await findIn(BUREAU, 'id', units, { select: ['id', 'documentId', 'name'] });
      // project-level reasons of the units' own projects: fresh ones from this pass, stored ones for the others
      const stored = await findIn(LIGHT, 'kind', ['project'], {
        where: { bureau: { id: { $in: units } } },
        select: ['reasons'],
        populate: { project: { select: ['id', 'name'] }, bureau: { select: ['id'] } },
      });
      const projectReasons = new Map<number, Array<{ projectId: number; reasons: Reason[] }>>();
      for (const row of stored) {
        const projectId = row.project?.id;
        if (!projectId || !row.bureau?.id || freshProjectReasons.has(projectId)) continue;
        const list = projectReasons.get(row.bureau.id) ?? [];
        list.push({ projectId, reasons: (row.reasons ?? []).filter((reason: Reason) => PROJECT_LEVEL.includes(reason.code)) });
        projectReasons.set(row.bureau.id, list);
      }
      for (const [id, { row }] of projects) {
        const unit = row.applicantBureau?.id;
        if (!unit) continue;
        const list = projectReasons.get(unit) ?? [];
        list.push({ projectId: id, reasons: (freshProjectReasons.get(id) ?? []).filter((reason) => PROJECT_LEVEL.includes(reason.code)) });
        projectReasons.set(unit, list);
      }
      for (const bureau of bureaus) {
        const own = [...items.values()].filter((item) => item.open && item.bureauId === bureau.id).flatMap((item) => item.evaluation!.reasons);
        const fromProjects = unitProjectReasons((projectReasons.get(bureau.id) ?? []).flatMap(({ reasons }) => reasons));
        targets.push({
          key: unitKey(bureau.documentId),
          kind: 'unit',
          uid: BUREAU,
          documentId: bureau.documentId,
          title: bureau.name,
          project: null,
          bureau: bureau.documentId,
          ids: { project: null, bureau: bureau.id },
          open: true,
          evaluation: settle([...own, ...fromProjects]),
        });
      }
    }

    const { written, changes } = await store(targets, cause, now);
    return { projects: projects.size, items: items.size, units: units.length, written, changes };
  }

  /** Writes the lights that changed: the light row, a history row per change of colour, the project's fields. */
  async function store(targets: Target[], cause: Cause, now: Date): Promise<{ written: number; changes: number }> {
    const existing = new Map<string, Row>();
    for (const row of await findIn(LIGHT, 'key', targets.map((target) => target.key), {
      populate: { project: { select: ['documentId'] }, bureau: { select: ['documentId'] }, nextDueBureau: { select: ['documentId'] } },
    })) {
      existing.set(row.key, row);
    }
    let written = 0;
    let changes = 0;
    for (const target of targets) {
      const before = existing.get(target.key);
      if (!before && target.kind === 'item' && !target.open) continue;
      const outcome = await storeOne(target, before, cause, now).catch(async (error: Error) => {
        // another instance created the row between our read and our write: compare with its row instead
        const again = await db().query(LIGHT as any).findOne({ where: { key: target.key } });
        if (!again || before) throw error;
        return storeOne(target, again, cause, now);
      });
      if (outcome.wrote) written += 1;
      if (outcome.changed) changes += 1;
    }
    return { written, changes };
  }

  function differs(target: Target, row: Row): boolean {
    const next = target.next ?? null;
    return (
      row.light !== target.evaluation.light ||
      !same(row.reasons, target.evaluation.reasons) ||
      Boolean(row.open) !== target.open ||
      (row.project?.documentId ?? null) !== target.project ||
      (row.bureau?.documentId ?? null) !== target.bureau ||
      (target.kind === 'project' &&
        ((row.nextDueAt ? new Date(row.nextDueAt).toISOString() : null) !== (next?.dueAt ?? null) ||
          (row.nextDueDocumentId ?? null) !== (next?.documentId ?? null) ||
          (row.nextDueTitle ?? null) !== (next?.title ?? null) ||
          (row.nextDueBureau?.documentId ?? null) !== (next?.bureau ?? null)))
    );
  }

  async function storeOne(target: Target, before: Row | undefined, cause: Cause, now: Date): Promise<{ wrote: boolean; changed: boolean }> {
    const to = target.evaluation.light;
    const projectStale =
      target.kind === 'project' && target.recorded && (target.recorded.light !== to || !same(target.recorded.reasons, target.evaluation.reasons));
    if (before && !differs(target, before) && !projectStale) return { wrote: false, changed: false };

    return db().transaction(async ({ trx }) => {
      let row = before;
      if (row) {
        await lockRow(strapi, trx, LIGHT, row.id);
        row = (await db().query(LIGHT as any).findOne({
          where: { id: row.id },
          populate: { project: { select: ['documentId'] }, bureau: { select: ['documentId'] }, nextDueBureau: { select: ['documentId'] } },
        })) as Row | undefined;
      }
      const from: Light = (row?.light as Light) ?? target.recorded?.light ?? 'green';
      const changed = from !== to;
      const changedAt = changed ? now.toISOString() : (row?.changedAt ?? target.recorded?.changedAt ?? null);
      const next = target.next ?? null;
      const data: Row = {
        key: target.key,
        kind: target.kind,
        targetUid: target.uid,
        targetDocumentId: target.documentId,
        targetTitle: String(target.title ?? '').slice(0, 255),
        light: to,
        rank: RANK[to],
        reasons: target.evaluation.reasons,
        open: target.open,
        changedAt,
        evaluatedAt: now.toISOString(),
        bureau: target.ids.bureau,
        ...(target.kind !== 'unit' && (target.project || target.kind === 'project') ? { project: target.ids.project } : {}),
        ...(target.kind === 'project'
          ? {
              nextDueAt: next?.dueAt ?? null,
              nextDueUid: next?.uid ?? null,
              nextDueDocumentId: next?.documentId ?? null,
              nextDueTitle: next?.title?.slice(0, 255) ?? null,
              nextDueBureau: target.ids.nextBureau ?? null,
            }
          : {}),
      };
      let wrote = false;
      // the plugin's own derived rows: written directly, so that no record middleware or content event (webhooks)
      // runs for each of them — a backfill of 10 000 projects would otherwise send as many events
      if (!row) {
        await db().query(LIGHT as any).create({ data });
        wrote = true;
      } else if (differs(target, row)) {
        await db().query(LIGHT as any).update({ where: { id: row.id }, data });
        wrote = true;
      }
      if (changed) {
        await db().query(LIGHT_CHANGE as any).create({
          data: {
            key: target.key,
            kind: target.kind,
            targetUid: target.uid,
            targetDocumentId: target.documentId,
            targetTitle: data.targetTitle,
            ...(target.kind === 'unit' || !target.ids.project ? {} : { project: target.ids.project }),
            ...(target.ids.bureau ? { bureau: target.ids.bureau } : {}),
            from,
            to,
            reasons: target.evaluation.reasons,
            cause,
            changedAt: now.toISOString(),
          },
        });
      }
      if (projectStale) {
        await strapi.documents(PROJECT as any).update({
          documentId: target.documentId,
          data: { light: to, lightReasons: target.evaluation.reasons, lightChangedAt: changedAt } as any,
        });
        wrote = true;
      }
      return { wrote, changed };
    });
  }

  let all: Promise<Outcome> | null = null;
  let again: Cause | null = null;

  /** Every project, then every unit, page by page; one pass at a time per process (a request during one runs after it). */
  async function evaluateAll(cause: Cause): Promise<Outcome> {
    const total: Outcome = { projects: 0, items: 0, units: 0, written: 0, changes: 0 };
    const add = (outcome: Outcome) => {
      for (const key of Object.keys(total) as Array<keyof Outcome>) total[key] += outcome[key];
    };
    for (let lastId = 0; ; ) {
      const rows = await db().query(PROJECT as any).findMany({ where: { id: { $gt: lastId } }, orderBy: { id: 'asc' }, limit: BATCH, select: ['id'] });
      if (!rows.length) break;
      lastId = rows[rows.length - 1].id;
      add(await evaluate(rows.map((row) => row.id), [], cause, false));
    }
    const bureaus = await db().query(BUREAU as any).findMany({ select: ['id'], orderBy: { id: 'asc' } });
    for (const part of chunks(bureaus.map((row) => row.id), BATCH)) add(await evaluate([], part, cause, false));
    return total;
  }

  return {
    /** Recomputes the lights of these projects (and their items) and units (and the units the projects touch). */
    recompute(scope: { projects?: number[]; units?: number[] }, cause: Cause = 'record'): Promise<Outcome> {
      return asEngine(strapi, () => evaluate([...new Set(scope.projects ?? [])], [...new Set(scope.units ?? [])], cause, true));
    },

    /** Recomputes everything (rules or calendar changed, the daily pass, the first start). */
    recomputeAll(cause: Cause): Promise<Outcome> {
      if (all) {
        again = cause;
        return all;
      }
      const run = async (): Promise<Outcome> => {
        let outcome = await asEngine(strapi, () => evaluateAll(cause));
        while (again) {
          const next: Cause = again;
          again = null;
          outcome = await asEngine(strapi, () => evaluateAll(next));
        }
        return outcome;
      };
      all = run().finally(() => {
        all = null;
      });
      return all;
    },

    /** The daily pass: on working days only (lights move with working days), once across all instances. */
    async daily(): Promise<Outcome | null> {
      const today = clockAt(new Date()).today;
      if (!(await calendar()).isWorkingDay(today)) return null;
      return this.recomputeAll('daily');
    },

    /** Whether some project has no light yet (first start with existing projects). */
    async needsBackfill(): Promise<boolean> {
      const [projects, lights] = await Promise.all([db().query(PROJECT as any).count({}), db().query(LIGHT as any).count({ where: { kind: 'project' } })]);
      return projects > lights;
    },
  };
};

export type EngineService = ReturnType<typeof engine>;
export default engine;
