import type { Core } from '@strapi/strapi';
import { enumLabel } from '../../../../../domain/labels';
import { FIELD_LABELS, RULE_SCOPES } from '../lights/rules';

type Ctx = { query: Record<string, unknown>; request: { body?: any }; body: unknown };

const service = (strapi: Core.Strapi, name: string) => strapi.plugin('traffic-lights').service(name);

/** Labels the rules page shows: each field in Chinese and English, each scope by its category's Chinese name. */
const rulesMeta = () => ({
  fields: FIELD_LABELS,
  scopes: Object.fromEntries(RULE_SCOPES.map((scope) => [scope, scope === 'default' ? '默认（全部类别）' : enumLabel(scope)])),
});

/**
 * Thin HTTP glue over the dashboard and rules services. The content API's actions are named `find` so that a
 * read-only API token (which allows find and findOne only) may call them.
 */
export default {
  summary: ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      ctx.body = { data: await service(strapi, 'dashboard').summary(ctx.query) };
    },
  }),
  projects: ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      ctx.body = await service(strapi, 'dashboard').projects(ctx.query);
    },
  }),
  trend: ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      ctx.body = { data: await service(strapi, 'dashboard').trend(ctx.query) };
    },
  }),
  rules: ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      ctx.body = { data: await service(strapi, 'rules').list(), meta: rulesMeta() };
    },
    async update(ctx: Ctx) {
      ctx.body = { data: await service(strapi, 'rules').save(ctx.request.body?.data), meta: rulesMeta() };
    },
  }),
};
