import { isFetchError } from '@strapi/strapi/admin';

const HAN = /[\u4e00-\u9fff]/;

/**
 * The Chinese part of an API error. The platform answers "中文 / English" (several issues joined by '；');
 * Strapi's own English-only messages are replaced by the caller's Chinese fallback.
 */
export function chineseError(error: unknown, fallback: string, forbidden?: string): string {
  if (!isFetchError(error)) return fallback;
  const apiError = error.response?.data?.error as { status?: number; message?: string; details?: { errors?: Array<{ message?: string }> } } | undefined;
  const status = apiError?.status ?? error.status;
  const details = apiError?.details?.errors;
  const raw = Array.isArray(details) && details.length ? details.map((d) => d.message ?? '').join('；') : apiError?.message ?? '';
  const zh = raw
    .split('；')
    .map((part) => part.split(' / ')[0].trim())
    .filter((part) => HAN.test(part))
    .join('；');
  if (zh) return zh;
  if ((status === 401 || status === 403) && forbidden) return forbidden;
  return fallback;
}
