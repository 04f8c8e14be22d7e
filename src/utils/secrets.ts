/**
 * Secrets the platform needs. In development `scripts/ensure-env.js` writes random ones into `.env`;
 * in production a missing or placeholder secret stops the start-up with a message naming it.
 */
export const SECRET_NAMES = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];

const PLACEHOLDERS = /^(tobemodified\d*|changeme|secret|default|example)?$/i;

const isProduction = () => process.env.NODE_ENV === 'production';

/** Reads a secret; in production refuses empty, placeholder or too short values. */
export function secret(name: SecretName): string {
  const value = (process.env[name] ?? '').trim();
  if (isProduction()) {
    const parts = name === 'APP_KEYS' ? value.split(',') : [value];
    const weak = parts.some((part) => PLACEHOLDERS.test(part.trim()) || part.trim().length < 16);
    if (weak) {
      throw new Error(
        `生产环境缺少有效的密钥 ${name}（不能为空、示例值或少于 16 个字符）/ ` +
          `Refusing to start in production: ${name} is missing, a placeholder or shorter than 16 characters.`
      );
    }
  }
  return value;
}

export function appKeys(): string[] {
  return secret('APP_KEYS')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
}
