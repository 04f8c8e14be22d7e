import type { Core } from '@strapi/strapi';
import { getService } from '../services';

type Ctx = { query: Record<string, unknown>; body: unknown };

/** Thin HTTP glue: the figures service parses, scopes and computes. */
export default {
  figures: ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      ctx.body = await getService(strapi, 'figures').forViewer(ctx.query ?? {});
    },
  }),
  ranking: ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      ctx.body = await getService(strapi, 'figures').pledgeRanking(ctx.query ?? {});
    },
  }),
};
