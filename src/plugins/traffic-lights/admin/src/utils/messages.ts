/** The platform's API error messages, read for people (pure: no Strapi import, unit-tested). */

const HAN = /[\u4e00-\u9fff]/;

export interface ApiError {
  status?: number;
  message?: string;
  details?: { errors?: Array<{ path?: Array<string | number>; message?: string }> };
}

/** "中文 / English" (several issues joined by '；') → the Chinese parts only ('' when there is none). */
export const chinesePart = (raw: string) =>
  raw
    .split('；')
    .map((part) => part.split(' / ')[0].trim())
    .filter((part) => HAN.test(part))
    .join('；');

/**
 * The field errors of a 400 on `{ data: rows }`, keyed `<row index>.<field>` from each detail's path
 * `['data', i, 'values', field]` (`<row index>.scope` when the scope itself is wrong), Chinese part only.
 */
export function fieldErrorsOf(body: ApiError | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const detail of body?.details?.errors ?? []) {
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
