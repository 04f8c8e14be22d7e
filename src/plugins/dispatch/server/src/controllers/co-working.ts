import type { Core } from '@strapi/strapi';
import { getService } from '../services';

type Ctx = { query: Record<string, unknown>; body: unknown };

/** Thin HTTP glue: the co-working service parses, scopes and counts. */
export default {
  'co-working': ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      ctx.body = await getService(strapi, 'co-working').report(ctx.query ?? {});
    },
  }),
};
