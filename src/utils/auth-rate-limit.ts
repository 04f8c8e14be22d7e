import { createHash } from 'node:crypto';

/**
 * Sign-in and password-reset attempts per client IP and per account (the normalised e-mail or user name), counted
 * in a fixed window: the middleware (src/middlewares/auth-rate-limit.ts) keeps the counters in Redis or the
 * database and refuses with a 429 once either bucket is over its limit. This file decides which request is an
 * attempt, under which keys it counts and what the refusal says. Pure: no Strapi import.
 *
 * Every spelling of the same route and the same account counts under one key: the path is percent-decoded,
 * its repeated slashes collapsed, its dot segments resolved, its case and trailing slashes dropped (Strapi's router
 * matches case-insensitively and with or without a trailing slash); the account is NFKC-normalised (full-width
 * letters and digits become ASCII), stripped of invisible characters and surrounding whitespace and lower-cased,
 * whichever field carries it (`identifier` or `email`) and whether the body was JSON or a form.
 */

export type Realm = 'api' | 'admin';
/** Buckets: sign-in attempts and password-reset attempts are counted apart (and registrations apart again). */
export type Action = 'login' | 'reset' | 'register';

export interface AuthRoute {
  realm: Realm;
  action: Action;
  /** Body fields naming the account, first non-empty string wins (dotted for nested: `userInfo.email`). */
  accountFields: string[];
  /** A sign-in that succeeds gives its attempt back: people of one office behind one address are not locked out. */
  refundOnSuccess: boolean;
}

/** The routes counted, by normalised path (POST only). */
export const AUTH_ROUTES: Record<string, AuthRoute> = {
  '/api/auth/local': { realm: 'api', action: 'login', accountFields: ['identifier', 'email', 'username'], refundOnSuccess: true },
  '/api/auth/local/register': { realm: 'api', action: 'register', accountFields: ['email', 'username'], refundOnSuccess: false },
  '/api/auth/forgot-password': { realm: 'api', action: 'reset', accountFields: ['email', 'identifier'], refundOnSuccess: false },
  '/api/auth/reset-password': { realm: 'api', action: 'reset', accountFields: [], refundOnSuccess: false },
  '/api/auth/send-email-confirmation': { realm: 'api', action: 'reset', accountFields: ['email', 'identifier'], refundOnSuccess: false },
  '/api/auth/change-password': { realm: 'api', action: 'login', accountFields: [], refundOnSuccess: true },
  '/admin/login': { realm: 'admin', action: 'login', accountFields: ['email', 'identifier'], refundOnSuccess: true },
  '/admin/forgot-password': { realm: 'admin', action: 'reset', accountFields: ['email'], refundOnSuccess: false },
  '/admin/reset-password': { realm: 'admin', action: 'reset', accountFields: [], refundOnSuccess: false },
  '/admin/register': { realm: 'admin', action: 'register', accountFields: ['userInfo.email', 'email'], refundOnSuccess: false },
  '/admin/register-admin': { realm: 'admin', action: 'register', accountFields: ['email'], refundOnSuccess: false },
};

export interface RateLimits {
  /** Attempts per account within the window. */
  accountMax: number;
  /** Attempts per client IP within the window. */
  ipMax: number;
  windowSeconds: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { accountMax: 5, ipMax: 20, windowSeconds: 15 * 60 };

/** Decodes percent-escapes until nothing changes (double encoding included); a broken escape is left as it is. */
function decodeFully(value: string): string {
  let current = value;
  for (let round = 0; round < 4; round += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      decoded = current.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
    if (decoded === current) break;
    current = decoded;
  }
  return current;
}

/** One spelling for every variation of a path that may reach the same route. */
export function normalisePath(raw: string): string {
  const decoded = decodeFully(String(raw ?? '').split('?')[0])
    .replace(/\\/g, '/')
    .normalize('NFKC')
    .toLowerCase();
  const segments: string[] = [];
  for (const part of decoded.split('/')) {
    // `;jsessionid=…`-style parameters and empty or `.` segments are no part of the route
    const segment = part.split(';')[0].trim();
    if (!segment || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** The counted route a request goes to, or null (other paths, other methods). */
export function authRouteOf(method: string, rawPath: string): (AuthRoute & { path: string }) | null {
  if (String(method).toUpperCase() !== 'POST') return null;
  const path = normalisePath(rawPath);
  const route = AUTH_ROUTES[path];
  return route ? { ...route, path } : null;
}

/** One spelling for every variation of an account name: NFKC, no invisible characters, trimmed, lower case. */
export function normaliseAccount(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const normalised = value
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .trim()
    .toLowerCase();
  return normalised || null;
}

const fieldOf = (body: unknown, dotted: string): unknown =>
  dotted.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), body);

/** The account an attempt names (first of the route's fields that holds a non-empty string), normalised. */
export function accountOf(route: Pick<AuthRoute, 'accountFields'>, body: unknown): string | null {
  for (const field of route.accountFields) {
    const account = normaliseAccount(fieldOf(body, field));
    if (account) return account;
  }
  return null;
}

/** The client address as one spelling (`::ffff:127.0.0.1` and `127.0.0.1` are the same client). */
export function normaliseIp(ip: unknown): string {
  const value = String(ip ?? '').trim().toLowerCase();
  return value.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1') || 'unknown';
}

const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

export interface Bucket {
  key: string;
  max: number;
  kind: 'ip' | 'account';
}

/** The account name as typed (first non-empty string of the route's fields, untouched), for looking the user up. */
export function typedAccountOf(route: Pick<AuthRoute, 'accountFields'>, body: unknown): string | null {
  for (const field of route.accountFields) {
    const value = fieldOf(body, field);
    if (typeof value === 'string' && value.trim()) return value;
  }
  return null;
}

/**
 * The buckets one attempt counts in: its client IP and, when the body names one, its account — `userId` when the
 * name was resolved to a user (so that the e-mail and the user name of one person share a bucket), else the
 * normalised name.
 */
export function bucketsFor(
  route: Pick<AuthRoute, 'realm' | 'action' | 'accountFields'>,
  ip: unknown,
  body: unknown,
  limits: RateLimits,
  userId?: number | string | null,
): Bucket[] {
  const base = `${route.realm}:${route.action}`;
  const buckets: Bucket[] = [{ key: `${base}:ip:${digest(normaliseIp(ip))}`, max: limits.ipMax, kind: 'ip' }];
  const named = accountOf(route, body);
  const account = userId !== undefined && userId !== null ? `#user:${userId}` : named;
  if (account) buckets.push({ key: `${base}:account:${digest(account)}`, max: limits.accountMax, kind: 'account' });
  return buckets;
}

/** Limits from the environment's values, each falling back to its default when missing or not a positive number. */
export function rateLimitsFrom(values: { accountMax?: unknown; ipMax?: unknown; windowSeconds?: unknown }): RateLimits {
  const positive = (value: unknown, fallback: number) => {
    const number = Number(value);
    return Number.isFinite(number) && number > 0 ? Math.floor(number) : fallback;
  };
  return {
    accountMax: positive(values.accountMax, DEFAULT_RATE_LIMITS.accountMax),
    ipMax: positive(values.ipMax, DEFAULT_RATE_LIMITS.ipMax),
    windowSeconds: positive(values.windowSeconds, DEFAULT_RATE_LIMITS.windowSeconds),
  };
}

/** The refusal: in Chinese and English, with the seconds to wait (also sent as `Retry-After`). */
export function refusal(action: Action, retryAfterSeconds: number): { message: string; retryAfter: number } {
  const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  const what = { login: ['登录', 'sign-in'], reset: ['重置密码', 'password-reset'], register: ['注册', 'registration'] }[action];
  return {
    retryAfter,
    message: `${what[0]}尝试过于频繁，请 ${minutes} 分钟后再试 / Too many ${what[1]} attempts, try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
  };
}
