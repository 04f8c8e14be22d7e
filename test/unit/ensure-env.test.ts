import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const script = path.resolve(__dirname, '..', '..', 'scripts', 'ensure-env.js');

/** Runs the script from a copy placed in an empty project folder, so the real .env is never touched. */
function runIn(dir: string, env: Record<string, string>) {
  fs.mkdirSync(path.join(dir, 'scripts'), { recursive: true });
  fs.copyFileSync(script, path.join(dir, 'scripts', 'ensure-env.js'));
  execFileSync(process.execPath, [path.join(dir, 'scripts', 'ensure-env.js')], { env: { ...process.env, ...env } });
}

describe('development secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-env-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a fresh checkout gets a .env with every secret, random each time', () => {
    runIn(dir, { NODE_ENV: 'development' });
    const first = fs.readFileSync(path.join(dir, '.env'), 'utf8');
    for (const name of ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY']) {
      expect(first).toMatch(new RegExp(`^${name}=.{16,}$`, 'm'));
    }
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-env-'));
    runIn(other, { NODE_ENV: 'development' });
    expect(fs.readFileSync(path.join(other, '.env'), 'utf8')).not.toEqual(first);
    fs.rmSync(other, { recursive: true, force: true });
  });

  it('an existing .env is never overwritten', () => {
    fs.writeFileSync(path.join(dir, '.env'), 'APP_KEYS=mine\n');
    runIn(dir, { NODE_ENV: 'development' });
    expect(fs.readFileSync(path.join(dir, '.env'), 'utf8')).toBe('APP_KEYS=mine\n');
  });

  it('production gets no generated secrets', () => {
    runIn(dir, { NODE_ENV: 'production' });
    expect(fs.existsSync(path.join(dir, '.env'))).toBe(false);
  });
});
