import { accountOf, authRouteOf, bucketsFor, DEFAULT_RATE_LIMITS, normaliseAccount, normaliseIp, normalisePath, rateLimitsFrom, refusal, typedAccountOf } from '../auth-rate-limit';

describe('which request is a sign-in or password-reset attempt, and under which keys it counts', () => {
  it('gives every spelling of a counted route the same path', () => {
    const spellings = [
      '/api/auth/local',
      '/api/auth/local/',
      '/api/auth/local//',
      '//api//auth///local',
      '/API/Auth/LOCAL',
      '/api/auth/%6Cocal',
      '/api/auth/%256Cocal',
      '/api%2Fauth%2Flocal',
      '/api/auth/./local',
      '/api/x/../auth/local',
      '/api/auth/local;jsessionid=1',
      '/api/auth/local?identifier=x',
      '/api\\auth\\local',
      '/ａｐｉ/auth/local',
    ];
    for (const spelling of spellings) expect([spelling, normalisePath(spelling)]).toEqual([spelling, '/api/auth/local']);
    expect(normalisePath('/admin/login/')).toBe('/admin/login');
    // a broken escape does not throw; the escapes around it are still decoded
    expect(normalisePath('/api/auth/%6Cocal%E0%A4%A')).toMatch(/^\/api\/auth\/local/);
  });

  it('counts POSTs to the sign-in, reset and registration routes of both the REST API and the admin panel only', () => {
    expect(authRouteOf('POST', '/api/auth/local')).toMatchObject({ realm: 'api', action: 'login', refundOnSuccess: true });
    expect(authRouteOf('post', '/API/auth/local/')).toMatchObject({ realm: 'api', action: 'login' });
    expect(authRouteOf('POST', '/api/auth/forgot-password')).toMatchObject({ realm: 'api', action: 'reset', refundOnSuccess: false });
    expect(authRouteOf('POST', '/api/auth/reset-password')).toMatchObject({ action: 'reset' });
    expect(authRouteOf('POST', '/api/auth/send-email-confirmation')).toMatchObject({ action: 'reset' });
    expect(authRouteOf('POST', '/api/auth/local/register')).toMatchObject({ action: 'register' });
    expect(authRouteOf('POST', '/admin/login')).toMatchObject({ realm: 'admin', action: 'login' });
    expect(authRouteOf('POST', '/admin/forgot-password')).toMatchObject({ realm: 'admin', action: 'reset' });
    expect(authRouteOf('POST', '/admin/reset-password')).toMatchObject({ realm: 'admin', action: 'reset' });
    expect(authRouteOf('POST', '/admin/register-admin')).toMatchObject({ realm: 'admin', action: 'register' });
    expect(authRouteOf('POST', '/admin/register')).toMatchObject({ realm: 'admin', action: 'register' });
    expect(authRouteOf('GET', '/api/auth/local')).toBeNull();
    expect(authRouteOf('POST', '/api/projects')).toBeNull();
    expect(authRouteOf('POST', '/api/auth/localx')).toBeNull();
  });

  it('gives every spelling of an account the same name', () => {
    for (const spelling of ['office@lanshan.local', ' Office@Lanshan.Local ', 'OFFICE@LANSHAN.LOCAL\t', 'ｏｆｆｉｃｅ＠ｌａｎｓｈａｎ．ｌｏｃａｌ', 'office\u200B@lanshan.local']) {
      expect([spelling, normaliseAccount(spelling)]).toEqual([spelling, 'office@lanshan.local']);
    }
    expect(normaliseAccount('   ')).toBeNull();
    expect(normaliseAccount(['office@lanshan.local'])).toBeNull();
    expect(normaliseAccount({ $ne: null })).toBeNull();
  });

  it('reads the account from whichever field carries it', () => {
    const login = authRouteOf('POST', '/api/auth/local')!;
    expect(accountOf(login, { identifier: 'A@x.cn', password: 'p' })).toBe('a@x.cn');
    expect(accountOf(login, { email: ' a@x.cn', password: 'p' })).toBe('a@x.cn');
    expect(accountOf(login, { identifier: '', email: 'a@x.cn' })).toBe('a@x.cn');
    expect(accountOf(login, { identifier: 42 })).toBeNull();
    expect(accountOf(authRouteOf('POST', '/admin/register')!, { userInfo: { email: 'New@x.cn' } })).toBe('new@x.cn');
    expect(accountOf(authRouteOf('POST', '/api/auth/reset-password')!, { code: 'abc' })).toBeNull();
  });

  it('counts per client address and per account, the same keys for every spelling', () => {
    const login = authRouteOf('POST', '/api/auth/local')!;
    const a = bucketsFor(login, '::ffff:10.0.0.1', { identifier: 'Office@Lanshan.local' }, DEFAULT_RATE_LIMITS);
    const b = bucketsFor(login, '10.0.0.1', { email: ' office@lanshan.local ' }, DEFAULT_RATE_LIMITS);
    expect(a).toEqual(b);
    expect(a.map((bucket) => [bucket.kind, bucket.max])).toEqual([['ip', 20], ['account', 5]]);
    // the same account from another address: another IP bucket, the same account bucket
    const other = bucketsFor(login, '10.0.0.2', { identifier: 'office@lanshan.local' }, DEFAULT_RATE_LIMITS);
    expect(other[0].key).not.toBe(a[0].key);
    expect(other[1].key).toBe(a[1].key);
    // sign-in and reset, REST API and admin panel count apart
    const reset = bucketsFor(authRouteOf('POST', '/api/auth/forgot-password')!, '10.0.0.1', { email: 'office@lanshan.local' }, DEFAULT_RATE_LIMITS);
    const admin = bucketsFor(authRouteOf('POST', '/admin/login')!, '10.0.0.1', { email: 'office@lanshan.local' }, DEFAULT_RATE_LIMITS);
    expect(new Set([a[1].key, reset[1].key, admin[1].key]).size).toBe(3);
    // resolved to a user: its e-mail and its user name are one account
    const byEmail = bucketsFor(login, '10.0.0.1', { identifier: 'office@lanshan.local' }, DEFAULT_RATE_LIMITS, 7);
    const byName = bucketsFor(login, '10.0.0.1', { identifier: 'Office' }, DEFAULT_RATE_LIMITS, 7);
    expect(byEmail[1].key).toBe(byName[1].key);
    expect(byEmail[1].key).not.toBe(a[1].key);
    expect(typedAccountOf(login, { identifier: ' Office ' })).toBe(' Office ');
    // no account in the body: the address alone
    expect(bucketsFor(login, '10.0.0.1', {}, DEFAULT_RATE_LIMITS).map((bucket) => bucket.kind)).toEqual(['ip']);
    // the account never appears in clear in a key
    expect(a[1].key).not.toContain('office');
    expect(normaliseIp(undefined)).toBe('unknown');
  });

  it('reads limits from the environment with defaults, and refuses in Chinese and English with the wait', () => {
    expect(rateLimitsFrom({})).toEqual(DEFAULT_RATE_LIMITS);
    expect(rateLimitsFrom({ accountMax: '3', ipMax: 0, windowSeconds: 'x' })).toEqual({ accountMax: 3, ipMax: 20, windowSeconds: 900 });
    const { message, retryAfter } = refusal('login', 61.2);
    expect(retryAfter).toBe(62);
    expect(message).toBe('登录尝试过于频繁，请 2 分钟后再试 / Too many sign-in attempts, try again in 2 minutes');
    expect(refusal('reset', 0)).toEqual({ retryAfter: 1, message: expect.stringContaining('重置密码') });
  });
});
