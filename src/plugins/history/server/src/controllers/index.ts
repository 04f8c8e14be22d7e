import type { Core } from '@strapi/strapi';
import type { ChangesService } from '../services/changes';

type Ctx = { query: Record<string, unknown>; params: Record<string, string>; body: unknown; set(name: string, value: string): void };

const changes = (strapi: Core.Strapi) => strapi.plugin('history').service('changes') as ChangesService;

/** Thin HTTP glue over the changes service. */
export default {
  changes: ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      ctx.body = await changes(strapi).find(ctx.query ?? {});
    },
    async export(ctx: Ctx) {
      const file = await changes(strapi).export(ctx.query ?? {});
      const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '_');
      ctx.set('Content-Type', file.contentType);
      ctx.set('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = file.body;
    },
  }),
  records: ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      const { uid, documentId } = ctx.params;
      ctx.body = await changes(strapi).forRecord(uid, documentId, ctx.query ?? {});
    },
  }),
};
