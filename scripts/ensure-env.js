#!/usr/bin/env node
/**
 * Makes the development secrets on first run: writes `.env` with random values when it is absent.
 * In production it writes nothing (config/*.ts then refuses to start without real secrets).
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const envFile = path.join(__dirname, '..', '.env');
const production = process.env.NODE_ENV === 'production';

if (production || fs.existsSync(envFile)) process.exit(0);

const random = () => crypto.randomBytes(24).toString('base64');
const lines = [
  '# Development secrets, generated on first run. Never use these in production.',
  'HOST=0.0.0.0',
  'PORT=1337',
  `APP_KEYS=${[random(), random(), random(), random()].join(',')}`,
  `API_TOKEN_SALT=${random()}`,
  `ADMIN_JWT_SECRET=${random()}`,
  `TRANSFER_TOKEN_SALT=${random()}`,
  `JWT_SECRET=${random()}`,
  `ENCRYPTION_KEY=${random()}`,
  'STRAPI_TELEMETRY_DISABLED=true',
  '',
];
fs.writeFileSync(envFile, lines.join('\n'), { mode: 0o600 });
console.log('已生成开发用密钥 .env / wrote development secrets to .env');
