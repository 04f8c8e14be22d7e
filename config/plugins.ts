import { secret } from '../src/utils/secrets';

/**
 * E-mail through an SMTP relay when SMTP_HOST is set (Strapi's nodemailer provider); otherwise Strapi's default
 * sendmail provider stays, and the deadline notices go out in-app and by webhook only.
 */
function email(env) {
  if (!env('SMTP_HOST')) return {};
  const user = env('SMTP_USERNAME');
  return {
    email: {
      config: {
        provider: 'nodemailer',
        providerOptions: {
          host: env('SMTP_HOST'),
          port: env.int('SMTP_PORT', 587),
          secure: env.bool('SMTP_SECURE', false),
          ...(user ? { auth: { user, pass: env('SMTP_PASSWORD', '') } } : {}),
        },
        settings: {
          defaultFrom: env('EMAIL_FROM', '兰山区重大项目落地服务平台 <no-reply@lanshan.local>'),
          ...(env('EMAIL_REPLY_TO') ? { defaultReplyTo: env('EMAIL_REPLY_TO') } : {}),
        },
      },
    },
  };
}

export default ({ env }) => {
  /**
   * PLATFORM_PLUGINS=off starts the records without the plugins of ours that act on reads and writes (bureau-views,
   * traffic-lights, dispatch, history): the "stock Strapi" baseline of `npm run bench`. The deadlines stay (the 督办单
   * relates to its rows; its middleware passes reads through). Refused in production, unless BENCH_STOCK_BASELINE=true
   * says it is the benchmark's stock server (bench/city.js), which runs in production mode like the server it is
   * compared with.
   */
  const platform = env('PLATFORM_PLUGINS', 'on') !== 'off';
  if (!platform && env('NODE_ENV') === 'production' && !env.bool('BENCH_STOCK_BASELINE', false)) {
    throw new Error('PLATFORM_PLUGINS=off 仅用于基准测试，生产环境不可关闭 / PLATFORM_PLUGINS=off is for benchmarks only, never in production');
  }
  return {
    ...email(env),
    'users-permissions': {
      config: {
        jwtSecret: secret('JWT_SECRET'),
        jwt: { expiresIn: env('JWT_EXPIRES_IN', '7d') },
        // replaced by global::auth-rate-limit (shared by every instance, per account and per IP, successful sign-ins
        // not counted): this one is per process and counts every sign-in per address, so an office behind one NAT
        // address would be locked out after five colleagues signed in
        ratelimit: { enabled: false },
      },
    },
    'bureau-views': {
      enabled: platform,
      resolve: './src/plugins/bureau-views',
    },
    deadlines: {
      enabled: true,
      resolve: './src/plugins/deadlines',
    },
    'traffic-lights': {
      enabled: platform,
      resolve: './src/plugins/traffic-lights',
    },
    dispatch: {
      enabled: platform,
      resolve: './src/plugins/dispatch',
    },
    history: {
      enabled: platform,
      resolve: './src/plugins/history',
    },
    documentation: {
      enabled: true,
      config: {
        openapi: '3.0.0',
        info: {
          version: '1.0.0',
          title: '兰山区重大项目落地服务平台 API',
          description:
            '重大项目落地服务平台的 REST API（Strapi 5）。Authenticate with an API token or a users-permissions JWT: `Authorization: Bearer <token>`.',
        },
        'x-strapi-config': {
          plugins: ['users-permissions', 'upload'],
        },
      },
    },

  };
};
