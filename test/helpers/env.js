/**
 * Test processes run with their own secrets and quiet logs; no `.env` is needed.
 * Runs before each test file.
 */
const crypto = require('crypto');

process.env.NODE_ENV = 'test';
process.env.STRAPI_TELEMETRY_DISABLED = 'true';
process.env.BROWSER = 'false';
process.env.DEMO_DATA = process.env.DEMO_DATA ?? 'false';
const random = () => crypto.randomBytes(24).toString('base64');
for (const name of ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY']) {
  process.env[name] = process.env[name] || random();
}
process.env.APP_KEYS = process.env.APP_KEYS || [random(), random()].join(',');
