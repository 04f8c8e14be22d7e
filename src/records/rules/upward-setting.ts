import { checkUrl, DELIVERY_LIMITS, MIN_SECRET_LENGTH, TARGET_FIELDS, UPWARD_TARGETS } from '../../domain/upward';
import { enumLabel } from '../../domain/labels';
import type { RecordRule, Row } from '../rule';
import { UPWARD_SETTING } from '../upward';

const URL_MESSAGES = {
  invalid: ['不是有效的网址', 'is not a valid URL'],
  scheme: ['须以 https:// 或 http:// 开头', 'must be an http(s) URL'],
  required: ['启用上报须填写接收地址', 'is required to enable the target'],
} as const;

/** Every field holding a secret: never returned by any API (see `hideSecrets`). */
export const SECRET_FIELDS = UPWARD_TARGETS.map((target) => `${TARGET_FIELDS[target]}Secret`);

/**
 * 上报设置 (office only): per target its URL, shared secret and switch, and the retry settings. A secret is write-only:
 * left empty it stays as it is (the admin panel's form never has it), a new one replaces it; `…SecretSet` says
 * whether one is on file. A target is enabled only with a URL and a secret.
 */
export const upwardSettingRule: RecordRule = {
  uid: UPWARD_SETTING,
  prepare(write) {
    const { data, issues, current } = write;
    for (const target of UPWARD_TARGETS) {
      const prefix = TARGET_FIELDS[target];
      const secretField = `${prefix}Secret`;
      const secret = data[secretField];
      if (secret === undefined || secret === null || (typeof secret === 'string' && !secret.trim())) delete data[secretField];
      else if (typeof secret !== 'string' || secret.trim().length < MIN_SECRET_LENGTH) {
        issues.add(secretField, `共享密钥至少 ${MIN_SECRET_LENGTH} 个字符`, `must be at least ${MIN_SECRET_LENGTH} characters`);
      } else data[secretField] = secret.trim();
      const hasSecret = Boolean(data[secretField] ?? current?.[secretField]);
      data[`${prefix}SecretSet`] = hasSecret;

      const enabled = Boolean(write.value(`${prefix}Enabled`));
      const urlField = `${prefix}Url`;
      if (typeof data[urlField] === 'string') data[urlField] = data[urlField].trim() || null;
      const issue = checkUrl(write.value(urlField), enabled);
      if (issue) issues.add(urlField, ...(URL_MESSAGES[issue] as unknown as [string, string]));
      if (enabled && !hasSecret) {
        issues.add(secretField, `启用「${enumLabel(target)}」上报须设置共享密钥`, 'is required to enable the target');
      }
    }
    for (const [field, [min, max]] of Object.entries(DELIVERY_LIMITS)) {
      const value = write.value(field);
      if (value === undefined || value === null) continue;
      if (!Number.isInteger(Number(value)) || Number(value) < min || Number(value) > max) {
        issues.add(field, `须为 ${min} 到 ${max} 之间的整数`, `must be a whole number from ${min} to ${max}`);
      }
    }
  },
};

/** Removes the secrets from whatever the document service hands back (the delivery reads them from the database). */
export function hideSecrets(result: unknown): unknown {
  const strip = (row: unknown) => {
    if (row && typeof row === 'object') for (const field of SECRET_FIELDS) delete (row as Row)[field];
    return row;
  };
  return Array.isArray(result) ? result.map(strip) : strip(result);
}

/**
 * A document-service middleware: no read or write of 上报设置 returns a secret, whichever API asked (REST, admin
 * panel, GraphQL, internal code).
 */
export const hideSettingSecrets = () => async (ctx: any, next: () => Promise<any>) => {
  if (ctx.uid !== UPWARD_SETTING) return next();
  return hideSecrets(await next());
};
