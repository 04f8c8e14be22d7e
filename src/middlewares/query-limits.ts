import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DEFAULT_QUERY_LIMITS, queryProblem, type QueryLimits } from '../utils/query-limits';

/**
 * REST queries within bounds (src/utils/query-limits.ts): a populate too deep, a filter too deep or too large, a
 * list too long or a query string too long is a 400 naming the parameter, before any SQL runs. The admin panel's
 * own routes are left to the content manager.
 */
export default (config: Partial<QueryLimits> = {}, _: { strapi: Core.Strapi }) => {
  const limits: QueryLimits = { ...DEFAULT_QUERY_LIMITS, ...config };
  return async (ctx: any, next: () => Promise<void>) => {
    if (ctx.path.startsWith('/api/')) {
      const problem = queryProblem(ctx.query ?? {}, ctx.querystring ?? '', limits);
      if (problem) {
        const message = `${problem.parameter}：${problem.zh} / ${problem.parameter}: ${problem.en}`;
        throw new errors.ValidationError(message, { errors: [{ path: [problem.parameter], message, name: 'ValidationError' }] });
      }
    }
    await next();
  };
};
