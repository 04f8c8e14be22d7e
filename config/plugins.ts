import { secret } from '../src/utils/secrets';

export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: secret('JWT_SECRET'),
      jwt: { expiresIn: env('JWT_EXPIRES_IN', '7d') },
    },
  },
  'bureau-views': {
    enabled: true,
    resolve: './src/plugins/bureau-views',
  },
  deadlines: {
    enabled: true,
    resolve: './src/plugins/deadlines',
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
});
