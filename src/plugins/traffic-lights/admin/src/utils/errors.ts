import { isFetchError } from '@strapi/strapi/admin';

const HAN = /[\u4e00-\u9fff]/;

interface ApiError {
  status?: number;
  message?: string;
  details?: { errors?: Array<{ path?: Array<string | number>; message?: string }> };
}

const apiError = (error: unknown): ApiError | undefined =>
  isFetchError(error) ? (error.response?.data?.error as ApiError | undefined) : undefined;

/** "中文 / English" (several issues joined by '；') → the Chinese parts only. */
const chinesePart = (raw: string) =>
  raw
    .split('；')
    .map((part) => part.split(' / ')[0].trim())
    .filter((part) => HAN.test(part))
    .join('；');

/**
 * The Chinese part of an API error. The platform answers "中文 / English"; Strapi's own English-only messages are
 * replaced by the caller's Chinese fallback (or `forbidden` for 401/403).
 */
export function chineseError(error: unknown, fallback: string, forbidden?: string): string {
  if (!isFetchError(error)) return fallback;
  const body = apiError(error);
  const status = body?.status ?? error.status;
  const zh = chinesePart(body?.message ?? '');
  if (zh) return zh;
  const details = body?.details?.errors ?? [];
  const fromDetails = chinesePart(details.map((d) => d.message ?? '').join('；'));
  if (fromDetails) return fromDetails;
  if ((status === 401 || status === 403) && forbidden) return forbidden;
  return fallback;
}

/**
 * The field errors of a 400 on `{ data: rows }`, keyed `<row index>.<field>` from each detail's path
 * `['data', i, 'values', field]` (`<row index>.scope` when the scope itself is wrong), Chinese part only.
 */
export function rowFieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const detail of apiError(error)?.details?.errors ?? []) {
    const path = detail.path ?? [];
    if (path[0] !== 'data' || path.length < 3) continue;
    const index = Number(path[1]);
    const field = path[path.length - 1];
    if (!Number.isInteger(index)) continue;
    const message = chinesePart(detail.message ?? '') || detail.message || '';
    const key = `${index}.${String(field)}`;
    result[key] = result[key] ? `${result[key]}；${message}` : message;
  }
  return result;
}
