import type { Core } from '@strapi/strapi';
import type { Row } from './rule';

export const PROBLEM_LIST = 'api::problem-list.problem-list';
const PROBLEM = 'api::problem.problem';

const named = { select: ['name'] };
/** What the list prints of each problem (the 《清单》's columns). */
const PRINTED = ['category', 'title', 'description', 'suggestion', 'isUrgent', 'level', 'assignedAt', 'proposalDueAt', 'proposal', 'resolution', 'resolvedAt', 'state'];

/**
 * Compiles a new list (《工作方案》三.4): the month's problems that need a district-level decision and are not
 * resolved, in the order they were reported. Runs as the platform when the office creates a list without choosing
 * its problems; the office edits the draft afterwards.
 */
export async function compileProblemList(strapi: Core.Strapi, listId: number): Promise<void> {
  const list = await strapi.db.query(PROBLEM_LIST).findOne({ where: { id: listId }, select: ['id', 'documentId', 'period'] });
  if (!list) return;
  const problems = await strapi.db.query(PROBLEM).findMany({
    where: { period: list.period, level: 'district', state: { $notIn: ['resolved'] } },
    select: ['documentId'],
    orderBy: { id: 'asc' },
  });
  if (problems.length) {
    await strapi.documents(PROBLEM_LIST as any).update({ documentId: list.documentId, data: { problems: problems.map((row) => row.documentId) } as any });
  }
}

/**
 * The problems of a list as they stand when it is issued: what the issued 《清单》 shows and exports from then on,
 * whatever later happens to the problems. Written by the platform, never by clients.
 */
export async function freezeProblemList(strapi: Core.Strapi, listId: number): Promise<void> {
  const list = await strapi.db.query(PROBLEM_LIST).findOne({ where: { id: listId }, select: ['id'], populate: { problems: { select: ['id'] } } });
  if (!list) return;
  const rows: Row[] = list.problems?.length
    ? await strapi.db.query(PROBLEM).findMany({
        where: { id: { $in: list.problems.map((row: Row) => row.id) } },
        select: ['documentId', ...PRINTED],
        populate: { project: named, reportingBureau: named, leadBureau: named },
        orderBy: { id: 'asc' },
      })
    : [];
  const snapshot = rows.map((row) => ({
    documentId: row.documentId,
    ...Object.fromEntries(PRINTED.map((field) => [field, row[field] ?? null])),
    project: row.project ? { name: row.project.name } : null,
    reportingBureau: row.reportingBureau ? { name: row.reportingBureau.name } : null,
    leadBureau: row.leadBureau ? { name: row.leadBureau.name } : null,
  }));
  // derived from the issue itself: written directly, the issued list being frozen to every other write
  await strapi.db.query(PROBLEM_LIST).update({ where: { id: listId }, data: { snapshot } });
}
