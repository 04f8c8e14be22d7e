import type { Core } from '@strapi/strapi';
import { chineseFor, hasChinese } from '../domain/messages';
import { describeField } from '../utils/validation';

/** The content type a request is about: the admin panel names it in the URL, the REST API in the route handler. */
const uidOf = (ctx: any): string | undefined =>
  ctx.params?.model ?? /^((?:api|plugin)::[\w-]+\.[\w-]+)\./.exec(String(ctx.state?.route?.handler ?? ''))?.[1];

const BARE_REFUSALS = new Set(['Forbidden', 'Policy Failed']);

/**
 * Every 400 names the field in Chinese and English: Strapi's own English validation messages (schema checks,
 * unknown or read-only keys) are given their Chinese counterpart; the platform's own messages are already both.
 * A 403 that Strapi answers bare is said in Chinese too (the platform's own refusals carry both: utils/refusal.ts).
 */
export default (_config: unknown, { strapi: _strapi }: { strapi: Core.Strapi }) =>
  async (ctx: any, next: () => Promise<void>) => {
    await next();
    // Strapi's own refusals (permissions, policies) say only "Forbidden" or "Policy Failed"
    const refusal = ctx.status === 403 ? ctx.body?.error : undefined;
    if (refusal && BARE_REFUSALS.has(String(refusal.message ?? ''))) {
      ctx.body = { ...ctx.body, error: { ...refusal, message: `没有权限 / ${refusal.message}` } };
      return;
    }
    const error = ctx.status === 400 ? ctx.body?.error : undefined;
    if (!error || error.name !== 'ValidationError' || hasChinese(String(error.message ?? ''))) return;

    const uid = uidOf(ctx);
    const details = error.details ?? {};
    const items: Array<{ path?: string[]; message: string }> = details.errors?.length
      ? details.errors
      : [{ path: details.key ? String(details.path ?? details.key).split('.') : undefined, message: error.message }];

    const translated = items.map((item) => {
      const path = item.path?.length ? item.path.map(String) : undefined;
      const zh = chineseFor(item.message);
      return {
        ...item,
        message: path ? `${describeField(uid, path)}：${zh} / ${item.message}` : `${zh} / ${item.message}`,
      };
    });
    if (details.errors?.length) details.errors = translated;
    ctx.body = { ...ctx.body, error: { ...error, message: translated.map((item) => item.message).join('；'), details } };
  };
