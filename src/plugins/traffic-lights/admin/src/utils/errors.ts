import { isFetchError } from '@strapi/strapi/admin';
import { type ApiError, chinesePart, fieldErrorsOf } from './messages';

const apiError = (error: unknown): ApiError | undefined =>
  isFetchError(error) ? (error.response?.data?.error as ApiError | undefined) : undefined;

/**
 * The Chinese part of an API error. The platform answers "中文 / English"; Strapi's own English-only messages are
 * replaced by the caller's Chinese fallback (or `forbidden` for 401/403).
 */
export function chineseError(error: unknown, fallback: string, forbidden?: string): string {
  if (!isFetchError(error)) return fallback;
  const body = apiError(error);
  const status = body?.status ?? error.status;
  const zh = chinesePart(body?.message ?? '') || chinesePart((body?.details?.errors ?? []).map((d) => d.message ?? '').join('；'));
  if (zh) return zh;
  if ((status === 401 || status === 403) && forbidden) return forbidden;
  return fallback;
}

/** The field errors of a rules 400, keyed `<row index>.<field>` (see fieldErrorsOf). */
export const rowFieldErrors = (error: unknown): Record<string, string> => fieldErrorsOf(apiError(error));
