import type { Core } from '@strapi/strapi';
import { relationTarget } from './scope/query';
import type { ScopeService } from './services/scope';

type Row = Record<string, any>;
type Middleware = (ctx: Row, next: () => Promise<void>) => Promise<void>;

/** Content-manager routes that answer about one document: an out-of-scope one is "not found", as in the REST API. */
const DOCUMENT_HANDLERS: Record<string, 'read' | 'write'> = {
  'collection-types.findOne': 'read',
  'collection-types.update': 'write',
  'collection-types.delete': 'write',
  'collection-types.publish': 'write',
  'collection-types.unpublish': 'write',
  'collection-types.discard': 'write',
  'collection-types.countDraftRelations': 'read',
  'collection-types.clone': 'read',
  'collection-types.autoClone': 'read',
};

/** The relation pickers and relation lists of the edit view query the database directly: filter what they return. */
const RELATION_HANDLERS = new Set(['relations.findAvailable', 'relations.findExisting']);

/**
 * Route middlewares added to the content manager's own routes (in register, before the routes are mounted):
 * the edit view, its relation pickers and its document actions ask the scope service like everything else.
 */
export function guardContentManager(strapi: Core.Strapi) {
  const scope = (): ScopeService => strapi.plugin('bureau-views').service('scope');

  const guardDocument =
    (need: 'read' | 'write'): Middleware =>
    async (ctx, next) => {
      const documentId = ctx.params.id ?? ctx.params.sourceId;
      const uid = ctx.params.model;
      if (documentId && uid && strapi.getModel(uid) && (await scope().viewer()).kind !== 'all') {
        const ok = need === 'read' ? await scope().canRead(uid, [{ documentId }]) : await scope().canWrite(uid, [{ documentId }]);
        // a record that does not exist answers 404 from the content manager itself
        const exists = !!(await strapi.db.query(uid).findOne({ where: { documentId }, select: ['id'] }));
        if (exists && !ok) return ctx.notFound();
      }
      await next();
    };

  const filterRelations: Middleware = async (ctx, next) => {
    await next();
    const attribute = strapi.getModel(ctx.params.model)?.attributes?.[ctx.params.targetField] as Row | undefined;
    const target = relationTarget(attribute as any);
    const results: Row[] | undefined = ctx.body?.results;
    if (!target || !Array.isArray(results)) return;
    const readable = await scope().readableIds(target, results.map((row) => row.id));
    const kept = results.filter((row) => readable.has(row.id));
    ctx.body.results = kept;
    if (ctx.body.pagination && kept.length !== results.length) {
      ctx.body.pagination.total = Math.max(0, Number(ctx.body.pagination.total ?? 0) - (results.length - kept.length));
    }
  };

  const routes: Row[] = (strapi.plugin('content-manager') as any).routes.admin.routes;
  for (const route of routes) {
    const middleware = DOCUMENT_HANDLERS[route.handler] ? guardDocument(DOCUMENT_HANDLERS[route.handler]) : RELATION_HANDLERS.has(route.handler) ? filterRelations : null;
    if (!middleware) continue;
    route.config = { ...route.config, middlewares: [...(route.config?.middlewares ?? []), middleware] };
  }
}
