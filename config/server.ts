import { appKeys } from '../src/utils/secrets';

export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // behind a reverse proxy (IS_PROXIED=true) Koa takes the client address from X-Forwarded-For: the sign-in rate
  // limits count per that address. Strapi 5 reads `server.proxy.koa` (a bare boolean here is ignored).
  proxy: { koa: env.bool('IS_PROXIED', false) },
  app: {
    keys: appKeys(),
  },
});
