import { rm } from 'node:fs/promises';
import type { Core } from '@strapi/strapi';
import { getService } from '../services';
import { importYear } from '../services/imports';

type Ctx = {
  query: Record<string, unknown>;
  request: { body?: Record<string, unknown>; files?: Record<string, any> };
  body: unknown;
  status: number;
  set(name: string, value: string): void;
};

/**
 * 数据导入: `GET` the template, `POST` a workbook (multipart: `file`, optional `year`). Handler names `find` and
 * `create`: a read-only token may fetch the template, only a full-access one import.
 */
export default {
  'land-evaluation-import': ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      const file = await getService(strapi, 'imports').landTemplate(importYear(ctx.query?.year));
      const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_');
      ctx.set('Content-Type', file.contentType);
      ctx.set('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = file.body;
    },
    async create(ctx: Ctx) {
      const uploads = [ctx.request.files?.file ?? []].flat();
      try {
        const year = importYear(ctx.request.body?.year);
        const result = await getService(strapi, 'imports').landEvaluations(uploads[0], year);
        ctx.status = 201;
        ctx.body = { data: result };
      } finally {
        // Strapi's body middleware removes the temporary files of a `files` field only
        await Promise.all(uploads.map((upload) => (upload?.filepath ? rm(upload.filepath, { force: true }) : undefined)));
      }
    },
  }),
};
