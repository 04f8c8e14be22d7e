import { appKeys, secret } from '../../src/utils/secrets';

describe('secrets', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('production refuses to start without a real secret, naming it in Chinese and English', () => {
    process.env.NODE_ENV = 'production';
    delete process.env.ADMIN_JWT_SECRET;
    expect(() => secret('ADMIN_JWT_SECRET')).toThrow(/ADMIN_JWT_SECRET.*Refusing to start in production/s);
    expect(() => secret('ADMIN_JWT_SECRET')).toThrow(/生产环境缺少有效的密钥/);
  });

  it('production refuses placeholder and short values, and a weak key among APP_KEYS', () => {
    process.env.NODE_ENV = 'production';
    process.env.JWT_SECRET = 'toBeModified';
    expect(() => secret('JWT_SECRET')).toThrow(/JWT_SECRET/);
    process.env.JWT_SECRET = 'short';
    expect(() => secret('JWT_SECRET')).toThrow(/JWT_SECRET/);
    process.env.APP_KEYS = 'a-long-enough-random-key-1,toBeModified2';
    expect(() => appKeys()).toThrow(/APP_KEYS/);
  });

  it('production accepts real secrets', () => {
    process.env.NODE_ENV = 'production';
    process.env.APP_KEYS = 'a-long-enough-random-key-1,a-long-enough-random-key-2';
    process.env.JWT_SECRET = 'c2VjcmV0LXRoYXQtaXMtbG9uZy1lbm91Z2g=';
    expect(appKeys()).toEqual(['a-long-enough-random-key-1', 'a-long-enough-random-key-2']);
    expect(secret('JWT_SECRET')).toBe('c2VjcmV0LXRoYXQtaXMtbG9uZy1lbm91Z2g=');
  });

  it('development takes whatever .env provides', () => {
    process.env.NODE_ENV = 'development';
    delete process.env.TRANSFER_TOKEN_SALT;
    expect(secret('TRANSFER_TOKEN_SALT')).toBe('');
  });
});
