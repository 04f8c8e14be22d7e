import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { clockAt } from '../lights/evaluate';
import { describeProblem, monthsUpTo, parseQuery, type DashboardQuery } from '../lights/query';
import { trend } from '../lights/trend';
import { LIGHTS, type Light } from '../lights/types';
import { BUREAU, LIGHT, LIGHT_CHANGE, PROJECT } from '../uids';

type Row = Record<string, any>;

/** Sort of the project table: a light row column, or a column of its project. */
const ORDER: Record<DashboardQuery['sort']['field'], (order: 'asc' | 'desc') => Row> = {
  light: (order) => ({ rank: order }),
  lightChangedAt: (order) => ({ changedAt: order }),
  nextDueAt: (order) => ({ nextDueAt: order }),
  name: (order) => ({ project: { name: order } }),
  code: (order) => ({ project: { code: order } }),
  stage: (order) => ({ project: { stage: order } }),
  category: (order) => ({ project: { category: order } }),
};

/**
 * What the dashboard and the API show: counts by colour, the project table, the per-unit summary and the monthly
 * trend — always within what the caller may see, as the bureau-views scope service says. Every answer costs the
 * same few queries whatever the page size: the projects in view are one SQL subquery, the table reads the stored
 * lights.
 */
const dashboard = ({ strapi }: { strapi: Core.Strapi }) => {
  const scope = () => strapi.plugin('bureau-views').service('scope');
  const knex = () => strapi.db.connection;
  const table = (name: string) => {
    const schema = strapi.db.getSchemaName?.();
    return schema ? `${schema}.${name}` : name;
  };
  const link = (uid: string, attribute: string) => (strapi.db.metadata.get(uid as any).attributes as Row)[attribute].joinTable as Row;

  /** Parses the query string or answers 400 naming each bad parameter. */
  function parse(raw: Row): DashboardQuery {
    const attributes = strapi.getModel(PROJECT as any).attributes as Row;
    const { query, problems } = parseQuery(raw ?? {}, { category: attributes.category.enum, stage: attributes.stage.enum });
    if (problems.length) {
      throw new errors.ValidationError(problems.map(describeProblem).join('；'), {
        errors: problems.map((problem) => ({ path: [problem.parameter], message: describeProblem(problem), name: 'ValidationError' })),
      });
    }
    return query;
  }

  /**
   * The projects in view: the caller's scope and the unit, category and stage filters, as one id subquery (wrapped:
   * a knex builder is thenable, and awaiting it would run it).
   */
  async function projectIds(query: DashboardQuery): Promise<{ ids: unknown }> {
    const filters: Row[] = [];
    const scoped = await scope().readFilter(PROJECT);
    if (scoped) filters.push(scoped);
    if (query.category) filters.push({ category: query.category });
    if (query.stage) filters.push({ stage: query.stage });
    if (query.unit) filters.push({ applicantBureau: { documentId: query.unit } });
    return { ids: (strapi.db as any).queryBuilder(PROJECT).select(['id']).where(filters.length ? { $and: filters } : {}).getKnexQuery() };
  }

  /** Stored project lights of the projects in view, as a knex query on the light table joined to its project link. */
  function projectLights(ids: unknown, light: Light | null) {
    const lnk = link(LIGHT, 'project');
    const query = knex()
      .from(`${table(strapi.db.metadata.get(LIGHT as any).tableName)} as l`)
      .join(`${table(lnk.name)} as lp`, `lp.${lnk.joinColumn.name}`, 'l.id')
      .where('l.kind', 'project')
      .whereIn(`lp.${lnk.inverseJoinColumn.name}`, ids as any);
    return light ? query.where('l.light', light) : query;
  }

  const zero = (): Record<Light, number> => ({ green: 0, yellow: 0, red: 0 });

  return {
    parse,

    /** Counts by colour of the projects in view, and the per-unit summary (applicant units, their own light). */
    async summary(raw: Row) {
      const query = parse(raw);
      const { ids } = await projectIds(query);
      const counts = zero();
      for (const row of await projectLights(ids, query.light).select('l.light as light').count({ n: '*' }).groupBy('l.light')) {
        if (LIGHTS.includes(row.light)) counts[row.light as Light] = Number(row.n);
      }

      const applicant = link(PROJECT, 'applicantBureau');
      const lnk = link(LIGHT, 'project');
      const perUnit = await projectLights(ids, query.light)
        .join(`${table(applicant.name)} as pa`, `pa.${applicant.joinColumn.name}`, `lp.${lnk.inverseJoinColumn.name}`)
        .select(`pa.${applicant.inverseJoinColumn.name} as bureau`, 'l.light as light')
        .count({ n: '*' })
        .groupBy(`pa.${applicant.inverseJoinColumn.name}`, 'l.light');
      const byUnit = new Map<number, Record<Light, number>>();
      for (const row of perUnit) {
        const id = Number(row.bureau);
        if (!byUnit.has(id)) byUnit.set(id, zero());
        byUnit.get(id)![row.light as Light] = Number(row.n);
      }
      // a unit's own light (its overdue items, its projects' slips) for the units in the table
      const viewer = await scope().viewer();
      const own = viewer.kind === 'bureau' ? viewer.bureauIds : [];
      const unitIds = [...new Set([...byUnit.keys(), ...own])];
      const [bureaus, lights] = unitIds.length
        ? await Promise.all([
            strapi.db.query(BUREAU as any).findMany({ where: { id: { $in: unitIds } }, select: ['id', 'documentId', 'name', 'kind'], orderBy: { id: 'asc' } }),
            strapi.db.query(LIGHT as any).findMany({ where: { kind: 'unit', bureau: { id: { $in: unitIds } } }, select: ['light', 'reasons'], populate: { bureau: { select: ['id'] } } }),
          ])
        : [[], []];
      const lightOf = new Map<number, Row>(lights.map((row: Row) => [row.bureau?.id, row]));
      const units = (bureaus as Row[])
        .map((bureau) => {
          const tally = byUnit.get(bureau.id) ?? zero();
          const unit = lightOf.get(bureau.id);
          return {
            bureau: { documentId: bureau.documentId, name: bureau.name, kind: bureau.kind },
            light: (unit?.light as Light) ?? 'green',
            reasons: unit?.reasons ?? [],
            total: tally.red + tally.yellow + tally.green,
            ...tally,
          };
        })
        .sort((a, b) => b.red - a.red || b.yellow - a.yellow || b.total - a.total || a.bureau.name.localeCompare(b.bureau.name, 'zh-Hans'));

      return { total: counts.red + counts.yellow + counts.green, counts, units };
    },

    /** One page of the project table, Strapi-style pagination. */
    async projects(raw: Row) {
      const query = parse(raw);
      const { ids } = await projectIds(query);
      const where: Row = { kind: 'project', project: { id: { $in: ids } }, ...(query.light ? { light: query.light } : {}) };
      const { field, order } = query.sort;
      const orderBy = [ORDER[field](order), ...(field === 'light' ? [{ nextDueAt: 'asc' }] : []), { id: 'asc' }];
      const [rows, total] = await Promise.all([
        strapi.db.query(LIGHT as any).findMany({
          where,
          orderBy,
          offset: (query.page - 1) * query.pageSize,
          limit: query.pageSize,
          select: ['light', 'reasons', 'changedAt', 'nextDueAt', 'nextDueUid', 'nextDueDocumentId', 'nextDueTitle'],
          populate: {
            project: { select: ['id', 'documentId', 'code', 'name', 'category', 'stage'], populate: { applicantBureau: { select: ['documentId', 'name'] } } },
            nextDueBureau: { select: ['documentId', 'name'] },
          },
        }),
        strapi.db.query(LIGHT as any).count({ where }),
      ]);
      return {
        data: (rows as Row[]).map((row) => ({
          id: row.project?.id,
          documentId: row.project?.documentId,
          code: row.project?.code ?? null,
          name: row.project?.name ?? null,
          category: row.project?.category ?? null,
          stage: row.project?.stage ?? null,
          applicantBureau: row.project?.applicantBureau ? { documentId: row.project.applicantBureau.documentId, name: row.project.applicantBureau.name } : null,
          light: row.light,
          lightReasons: row.reasons ?? [],
          lightChangedAt: row.changedAt ?? null,
          nextDue: row.nextDueDocumentId
            ? {
                uid: row.nextDueUid,
                documentId: row.nextDueDocumentId,
                title: row.nextDueTitle,
                dueAt: row.nextDueAt ? new Date(row.nextDueAt).toISOString() : null,
                bureau: row.nextDueBureau ? { documentId: row.nextDueBureau.documentId, name: row.nextDueBureau.name } : null,
              }
            : null,
        })),
        meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(Number(total) / query.pageSize), total: Number(total) } },
      };
    },

    /** Month-end counts by colour and the month's turns to red and back to green, oldest month first. */
    async trend(raw: Row) {
      const query = parse(raw);
      const { ids } = await projectIds(query);
      const months = monthsUpTo(clockAt(new Date()).today, query.months);
      const lnk = link(LIGHT_CHANGE, 'project');
      const changes = await knex()
        .from(`${table(strapi.db.metadata.get(LIGHT_CHANGE as any).tableName)} as c`)
        .join(`${table(lnk.name)} as cp`, `cp.${lnk.joinColumn.name}`, 'c.id')
        .where('c.kind', 'project')
        .whereIn(`cp.${lnk.inverseJoinColumn.name}`, ids as any)
        .select('c.key as key', 'c.from as from', 'c.to as to', 'c.changed_at as changedAt');
      const created = await strapi.db.query(PROJECT as any).findMany({ where: { id: { $in: ids } }, select: ['createdAt'] });
      return trend(
        months,
        changes.map((row: Row) => ({ key: row.key, from: row.from, to: row.to, changedAt: typeof row.changedAt === 'number' ? new Date(row.changedAt) : row.changedAt })),
        created.map((row: Row) => row.createdAt)
      );
    },
  };
};

export type DashboardService = ReturnType<typeof dashboard>;
export default dashboard;
