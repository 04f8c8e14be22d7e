import { readFile, rm } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { getService } from '../services';
import { importYear } from '../services/imports';
import { importIndicators } from '../../../../../records/finance-import';
import { FINANCE_INDICATOR } from '../../../../../records/finance-warnings';
import { reject } from '../../../../../utils/validation';

type Ctx = {
  query: Record<string, unknown>;
  request: { body?: Record<string, unknown>; files?: Record<string, any> };
  body: unknown;
  status: number;
  set(name: string, value: string): void;
};

/** The uploads of the form field `file`, removed after the request (Strapi removes those of a `files` field only). */
async function withUploads(ctx: Ctx, work: (upload: any) => Promise<void>) {
  const uploads = [ctx.request.files?.file ?? []].flat();
  try {
    await work(uploads[0]);
  } finally {
    await Promise.all(uploads.map((upload) => (upload?.filepath ? rm(upload.filepath, { force: true }) : undefined)));
  }
}

/** A workbook as a download, its Chinese file name kept (RFC 5987) beside an ASCII fallback. */
function send(ctx: Ctx, file: { body: Buffer; contentType: string; filename: string }) {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_');
  ctx.set('Content-Type', file.contentType);
  ctx.set('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = file.body;
}

/**
 * 数据导入: `GET` a template, `POST` a workbook (multipart: `file`, for 亩产效益 an optional `year`). Handler names
 * `find` and `create`: a read-only token may fetch the template, only a full-access one import.
 */
export default {
  'land-evaluation-import': ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      send(ctx, await getService(strapi, 'imports').landTemplate(importYear(ctx.query?.year)));
    },
    async create(ctx: Ctx) {
      await withUploads(ctx, async (upload) => {
        const result = await getService(strapi, 'imports').landEvaluations(upload, importYear(ctx.request.body?.year));
        ctx.status = 201;
        ctx.body = { data: result };
      });
    },
  }),
  'finance-indicator-import': ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      send(ctx, await getService(strapi, 'imports').financeTemplate());
    },
    async create(ctx: Ctx) {
      await withUploads(ctx, async (upload) => {
        const file = upload?.filepath ? await readFile(upload.filepath) : null;
        if (!file) throw reject(FINANCE_INDICATOR, 'file', '请上传 .xlsx 文件（表单字段 file）', 'upload an .xlsx file as the form field file');
        ctx.body = { data: await importIndicators(strapi, file) };
      });
    },
  }),
};
