export default ({ env }) => [
  'strapi::logger',
  'global::bilingual-errors',
  'strapi::errors',
  // the database unreachable (restarting, failing over): 503 with Retry-After and a message in Chinese and English
  'global::database-unavailable',
  {
    // security headers (helmet): Strapi's CSP, which the admin panel works under, tightened where it costs nothing
    // (no plugins, no <base> elsewhere, framed only by itself); HSTS for a year (browsers heed it over HTTPS only);
    // X-Frame-Options SAMEORIGIN; no referrer sent to other sites; nosniff; no X-Powered-By
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          'frame-ancestors': ["'self'"],
        },
      },
      hsts: { maxAge: env.int('HSTS_MAX_AGE', 31536000), includeSubDomains: true },
      frameguard: { action: 'sameorigin' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      xContentTypeOptions: true,
    },
  },
  {
    // other sites' pages calling the API: the origins listed in CORS_ORIGINS; in production none by default
    // (the admin panel is same-origin), in development any
    name: 'strapi::cors',
    config: {
      origin: env.array('CORS_ORIGINS', env('NODE_ENV') === 'production' ? [] : ['*']),
      credentials: true,
      maxAge: 86400,
    },
  },
  'strapi::query',
  {
    // what one REST query may ask of the database (src/utils/query-limits.ts); beyond it a 400 naming the parameter
    name: 'global::query-limits',
    config: {
      populateDepth: env.int('API_MAX_POPULATE_DEPTH', 5),
      filterDepth: env.int('API_MAX_FILTER_DEPTH', 12),
      filterConditions: env.int('API_MAX_FILTER_CONDITIONS', 200),
      listLength: env.int('API_MAX_FILTER_LIST', 500),
      queryLength: env.int('API_MAX_QUERY_LENGTH', 16384),
    },
  },
  {
    // request bodies: JSON and forms up to API_MAX_BODY (413 beyond), uploaded files (imports) up to UPLOAD_MAX_BYTES
    name: 'strapi::body',
    config: {
      jsonLimit: env('API_MAX_BODY', '1mb'),
      formLimit: env('API_MAX_BODY', '1mb'),
      textLimit: env('API_MAX_BODY', '1mb'),
      formidable: { maxFileSize: env.int('UPLOAD_MAX_BYTES', 20 * 1024 * 1024) },
    },
  },
  {
    // sign-in and password-reset attempts per client IP and per account, shared by every instance (Redis or the
    // database); after strapi::body so that JSON and form bodies are read alike (src/utils/auth-rate-limit.ts)
    name: 'global::auth-rate-limit',
    config: {
      enabled: env.bool('AUTH_RATE_LIMIT_ENABLED', true),
      accountMax: env.int('AUTH_RATE_LIMIT_MAX', 5),
      ipMax: env.int('AUTH_RATE_LIMIT_IP_MAX', 20),
      windowSeconds: env.int('AUTH_RATE_LIMIT_WINDOW_SECONDS', 900),
    },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
