export default ({ env }) => [
  'strapi::logger',
  'global::bilingual-errors',
  'strapi::errors',
  // the database unreachable (restarting, failing over): 503 with Retry-After and a message in Chinese and English
  'global::database-unavailable',
  // Strapi's security headers (CSP, X-Frame-Options SAMEORIGIN, nosniff, HSTS over HTTPS); no X-Powered-By
  'strapi::security',
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
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
