import { appKeys } from '../src/utils/secrets';

export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // behind a reverse proxy (IS_PROXIED=true) Koa takes the client address from X-Forwarded-For: the sign-in rate
  // limits count per that address. Strapi 5 reads `server.proxy.koa` (a bare boolean here is ignored). Only the
  // last PROXY_HOPS entries are believed (the ones our own proxies appended): whatever a client writes into the
  // header itself stays to their left and is not taken for its address.
  proxy: { koa: env.bool('IS_PROXIED', false), maxIpsCount: env.int('PROXY_HOPS', 1) },
  app: {
    keys: appKeys(),
  },
});
