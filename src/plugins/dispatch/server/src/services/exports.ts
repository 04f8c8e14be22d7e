import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { bulletinExport, type BulletinSnapshot } from '../figures/bulletin-export';
import {
  buildBulletin,
  buildDishonestyList,
  buildLedger,
  buildMinuteDocx,
  buildProblemList,
  buildSupervisionNoticeDocx,
  DISHONESTY_LIST_TITLE,
  DOCX_CONTENT_TYPE,
  LEDGER_TITLE,
  PROBLEM_LIST_TITLE,
  XLSX_CONTENT_TYPE,
  type ExportContext,
  type LedgerProject,
  type ListedEnterprise,
  type ListedProblem,
} from '../exports';
import { enumLabel } from '../../../../../domain/labels';
import { listingRecords } from '../../../../../domain/credit';
import { UPWARD_TARGETS } from '../../../../../domain/upward';
import { buildUpwardReports, UPWARD_REPORTS_TITLE, type ListedUpwardReport } from '../exports/upward-reports';
import { refusal } from '../../../../../utils/refusal';

type Row = Record<string, any>;

const PROJECT = 'api::project.project';
const PROBLEM_LIST = 'api::problem-list.problem-list';
const MINUTE = 'api::minute.minute';
const BULLETIN = 'api::bulletin.bulletin';
const BUREAU = 'api::bureau.bureau';
const ENTERPRISE = 'api::enterprise.enterprise';
const CREDIT_RECORD = 'api::credit-record.credit-record';
const UPWARD_REPORT = 'api::upward-report.upward-report';
const SUPERVISION_NOTICE = 'api::supervision-notice.supervision-notice';
const LIGHT = 'plugin::traffic-lights.light';
const ZONE = 'Asia/Shanghai';

/** A file to send: its bytes, content type and (Chinese) file name. */
export interface ExportFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

/** The ledger's filters, all optional: the same vocabulary as the records' own fields. */
export interface LedgerQuery {
  light?: string;
  category?: string;
  stage?: string;
  /** applicant unit (bureau documentId) */
  unit?: string;
}

const ENUMS = { light: ['green', 'yellow', 'red'] } as const;

/** A 400 naming the query parameter, Chinese first. */
const badParameter = (name: string, zh: string, en: string) =>
  new errors.ValidationError(`${name}：${zh} / ${name}: ${en}`, { errors: [{ path: [name], message: en, name: 'ValidationError' }] });

const notFound = () => new errors.NotFoundError('Not Found');
const named = { fields: ['name'] };
const today = () => DateTime.now().setZone(ZONE).toISODate()!;
/** A title as a file name: the characters file systems refuse become 「_」. */
const fileName = (title: string) => title.replace(/[\\/:*?"<>|]/g, '_');

/**
 * The exports officials work with, read inside the caller's request through the document service — so the
 * bureau-views scope applies to every record read, exactly as in the admin panel and the REST API — and handed to
 * the pure builders in ../exports. A record out of the caller's scope is a 404, like anywhere else.
 */
const exportsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const enumOf = (uid: string, field: string): readonly string[] => (strapi.getModel(uid as any)?.attributes as Row)?.[field]?.enum ?? [];

  /** Who exported, and whose view it is: 「全区」 for the office, leaders and integrations, else the bureaus' names. */
  async function context(): Promise<ExportContext> {
    const viewer = await strapi.plugin('bureau-views').service('scope').viewer();
    const ctx = strapi.requestContext.get() as Row | undefined;
    const user = ctx?.state?.user as Row | undefined;
    const person = user ? [user.lastname, user.firstname].filter(Boolean).join('') || user.username || user.email : null;
    let scope = '全区';
    if (viewer.kind === 'none') scope = '（未确定所属单位）';
    if (viewer.kind === 'bureau') {
      const bureaus = await strapi.db.query(BUREAU).findMany({ where: { id: { $in: viewer.bureauIds } }, select: ['name'], orderBy: { id: 'asc' } });
      scope = bureaus.map((row) => row.name).join('、');
    }
    return { scope, exportedBy: person, at: new Date() };
  }

  function ledgerFilters(query: LedgerQuery): Row {
    const filters: Row[] = [];
    const check = (name: keyof LedgerQuery, allowed: readonly string[]) => {
      const value = query[name];
      if (value === undefined || value === '') return;
      if (typeof value !== 'string' || !allowed.includes(value)) throw badParameter(name, `取值须为 ${allowed.join('、')} 之一`, `must be one of ${allowed.join(', ')}`);
      filters.push({ [name]: value });
    };
    check('light', ENUMS.light);
    check('category', enumOf(PROJECT, 'category'));
    check('stage', enumOf(PROJECT, 'stage'));
    if (query.unit !== undefined && query.unit !== '') {
      if (typeof query.unit !== 'string' || !/^[a-z0-9]{10,40}$/.test(query.unit)) throw badParameter('unit', '须为单位的 documentId', 'must be a bureau documentId');
      filters.push({ applicantBureau: { documentId: query.unit } });
    }
    return filters.length ? { $and: filters } : {};
  }

  /** The next item due of each project, as the lights plugin keeps it (when it is installed). */
  async function nextDue(projectIds: number[]): Promise<Map<number, LedgerProject['nextDue']>> {
    const out = new Map<number, LedgerProject['nextDue']>();
    if (!projectIds.length || !strapi.getModel(LIGHT as any)) return out;
    for (let i = 0; i < projectIds.length; i += 500) {
      const rows = await strapi.db.query(LIGHT).findMany({
        where: { kind: 'project', project: { id: { $in: projectIds.slice(i, i + 500) } } },
        select: ['nextDueTitle', 'nextDueAt'],
        populate: { project: { select: ['id'] }, nextDueBureau: { select: ['name'] } },
      });
      for (const row of rows) {
        if (!row.project?.id) continue;
        out.set(row.project.id, row.nextDueTitle ? { title: row.nextDueTitle, dueAt: row.nextDueAt, bureau: row.nextDueBureau ? { name: row.nextDueBureau.name } : null } : null);
      }
    }
    return out;
  }

  return {
    /** 兰山区重大项目台账: the projects the caller may see, with their lights and the next item due. */
    async ledger(query: LedgerQuery): Promise<ExportFile> {
      const filters = ledgerFilters(query);
      const projects = (await strapi.documents(PROJECT as any).findMany({
        filters,
        populate: { applicantBureau: named, enterprise: named },
        sort: ['code:asc'],
      } as any)) as Row[];
      const due = await nextDue(projects.map((project) => project.id));
      const rows: LedgerProject[] = projects.map((project) => ({ ...(project as LedgerProject), nextDue: due.get(project.id) ?? null }));
      return { body: await buildLedger(rows, await context()), contentType: XLSX_CONTENT_TYPE, filename: `${LEDGER_TITLE}-${today()}.xlsx` };
    },

    /** 《重大项目落地亟待解决问题清单》 of one list: an issued list prints its problems as they stood when issued. */
    async problemList(documentId: string): Promise<ExportFile> {
      const list = (await strapi.documents(PROBLEM_LIST as any).findOne({
        documentId,
        populate: { problems: { populate: { project: named, reportingBureau: named, leadBureau: named } } },
      } as any)) as Row | null;
      if (!list) throw notFound();
      const problems: ListedProblem[] = list.state === 'issued' && Array.isArray(list.snapshot) ? list.snapshot : (list.problems ?? []);
      const body = await buildProblemList({ ...(list as Row), period: list.period, state: list.state, problems } as any, await context());
      return { body, contentType: XLSX_CONTENT_TYPE, filename: `${PROBLEM_LIST_TITLE}（${list.period}）.xlsx` };
    },

    /** 《专题会商纪要》 with its meeting and responsibility list (.docx). */
    async minute(documentId: string): Promise<ExportFile> {
      const minute = (await strapi.documents(MINUTE as any).findOne({
        documentId,
        populate: {
          meeting: { populate: { attendees: named } },
          tasks: { populate: { responsibleBureau: named, coBureaus: named }, sort: ['deadline:asc', 'id:asc'] },
        },
      } as any)) as Row | null;
      if (!minute) throw notFound();
      const body = await buildMinuteDocx({ ...(minute as Row), tasks: minute.tasks ?? [] } as any, await context());
      return { body, contentType: DOCX_CONTENT_TYPE, filename: `${fileName(String(minute.number || minute.title))}.docx` };
    },

    /** 督办单 (.docx): read in the caller's scope, so a bureau exports only the notices sent to it. */
    async supervisionNotice(documentId: string): Promise<ExportFile> {
      const notice = (await strapi.documents(SUPERVISION_NOTICE as any).findOne({
        documentId,
        populate: { bureau: named, project: named, inspection: { fields: ['title'] } },
      } as any)) as Row | null;
      if (!notice) throw notFound();
      const body = await buildSupervisionNoticeDocx(notice as any, await context());
      return { body, contentType: DOCX_CONTENT_TYPE, filename: `${fileName(`督办单-${notice.number ?? notice.documentId}`)}.docx` };
    },

    /** 实绩通报 as issued (its frozen figures), or a draft's figures as they would be issued now, marked 草稿. */
    async bulletin(documentId: string): Promise<ExportFile> {
      const bulletin = (await strapi.documents(BULLETIN as any).findOne({ documentId } as any)) as Row | null;
      if (!bulletin) throw notFound();
      const issued = bulletin.state === 'issued' && bulletin.figures;
      const snapshot: BulletinSnapshot = issued
        ? bulletin.figures
        : await strapi.plugin('dispatch').service('figures').snapshot({ from: bulletin.periodStart, to: bulletin.periodEnd });
      const sheet = bulletinExport(bulletin as any, snapshot);
      if (!issued) sheet.title = `${sheet.title}（草稿，未印发）`;
      const body = await buildBulletin(sheet, await context());
      return { body, contentType: XLSX_CONTENT_TYPE, filename: `${fileName(sheet.title)}.xlsx` };
    },

    /**
     * 失信名单: the enterprises on the dishonesty list (enterprise.blacklisted, kept by the credit records' rule), with
     * their unrepaired blacklisting records and their projects — each read in the caller's scope. The list is the
     * credit records' lead bureau's (区发改局): a caller who may read none of them (a town, another department) is a 403.
     */
    async dishonestyList(): Promise<ExportFile> {
      if (await strapi.plugin('bureau-views').service('scope').readsNone(CREDIT_RECORD)) {
        throw refusal('失信名单仅限区发改局、协调办公室和区领导导出 / the dishonesty list is exported by 区发改局, the coordination office and the district leaders only');
      }
      const enterprises = (await strapi.documents(ENTERPRISE as any).findMany({
        filters: { blacklisted: true },
        fields: ['name', 'creditCode', 'legalRepresentative'],
        populate: { projects: { fields: ['name'], sort: ['code:asc', 'id:asc'] } },
        sort: ['name:asc'],
      } as any)) as Row[];
      const records = enterprises.length
        ? ((await strapi.documents(CREDIT_RECORD as any).findMany({
            filters: { enterprise: { id: { $in: enterprises.map((enterprise) => enterprise.id) } }, blacklist: true, repairedAt: { $null: true } },
            populate: { enterprise: { fields: ['id'] }, project: named },
            sort: ['decidedAt:asc', 'id:asc'],
          } as any)) as Row[])
        : [];
      const rows: ListedEnterprise[] = enterprises.map((enterprise) => ({
        name: enterprise.name,
        creditCode: enterprise.creditCode,
        legalRepresentative: enterprise.legalRepresentative,
        projects: enterprise.projects ?? [],
        records: listingRecords(records.filter((record) => record.enterprise?.id === enterprise.id)) as ListedEnterprise['records'],
      }));
      return { body: await buildDishonestyList(rows, await context()), contentType: XLSX_CONTENT_TYPE, filename: `${DISHONESTY_LIST_TITLE}-${today()}.xlsx` };
    },

    /**
     * 上报记录: the reports to the city (all, or one `target`'s), the same content the receivers got — the fallback
     * when a receiver is down or not yet connected. The office's and the leaders' alone: anyone else (a department or
     * town admin, whose 导出 covers the other exports) is refused, as the content API refuses them.
     */
    async upwardReports(query: { target?: unknown }): Promise<ExportFile> {
      if (await strapi.plugin('bureau-views').service('scope').readsNone(UPWARD_REPORT)) {
        throw refusal('上报记录仅限协调办公室和区领导导出 / the reports to the city are exported by the office and the leaders only');
      }
      const target = query.target === undefined || query.target === '' ? undefined : query.target;
      if (target !== undefined && (typeof target !== 'string' || !(UPWARD_TARGETS as readonly string[]).includes(target))) {
        throw badParameter('target', `取值须为 ${UPWARD_TARGETS.join('、')} 之一`, `must be one of ${UPWARD_TARGETS.join(', ')}`);
      }
      const reports = (await strapi.documents(UPWARD_REPORT as any).findMany({
        filters: target ? { target } : {},
        sort: ['createdAt:asc', 'id:asc'],
      } as any)) as unknown as ListedUpwardReport[];
      const label = typeof target === 'string' ? enumLabel(target) : undefined;
      const body = await buildUpwardReports(reports, await context(), label);
      return { body, contentType: XLSX_CONTENT_TYPE, filename: `${UPWARD_REPORTS_TITLE}${label ? `（${label}）` : ''}-${today()}.xlsx` };
    },
  };
};

export type ExportsService = ReturnType<typeof exportsService>;
export default exportsService;
