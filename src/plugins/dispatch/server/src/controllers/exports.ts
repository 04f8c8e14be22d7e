import type { Core } from '@strapi/strapi';
import type { ExportFile, LedgerQuery } from '../services/exports';
import { getService } from '../services';

type Ctx = { query: Record<string, unknown>; params: Record<string, string>; body: unknown; set(name: string, value: string): void };

/** Sends an export as a download: its content type, and its Chinese file name (RFC 5987) with an ASCII fallback. */
function send(ctx: Ctx, file: ExportFile) {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '_');
  ctx.set('Content-Type', file.contentType);
  ctx.set('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = file.body;
}

/** Thin HTTP glue: the exports service reads (scoped) and builds. Handlers are `find`: read-only tokens may call them. */
export default {
  ledger: ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      send(ctx, await getService(strapi, 'exports').ledger((ctx.query ?? {}) as LedgerQuery));
    },
  }),
  'problem-list-export': ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      send(ctx, await getService(strapi, 'exports').problemList(ctx.params.documentId));
    },
  }),
  'minute-export': ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      send(ctx, await getService(strapi, 'exports').minute(ctx.params.documentId));
    },
  }),
  'bulletin-export': ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      send(ctx, await getService(strapi, 'exports').bulletin(ctx.params.documentId));
    },
  }),
  'supervision-notice-export': ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      send(ctx, await getService(strapi, 'exports').supervisionNotice(ctx.params.documentId));
    },
  }),
  'dishonesty-list-export': ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      send(ctx, await getService(strapi, 'exports').dishonestyList());
    },
  }),
  'upward-reports-export': ({ strapi }: { strapi: Core.Strapi }) => ({
    async find(ctx: Ctx) {
      send(ctx, await getService(strapi, 'exports').upwardReports((ctx.query ?? {}) as { target?: unknown }));
    },
  }),
};
