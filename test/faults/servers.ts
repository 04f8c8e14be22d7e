import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/**
 * Throwaway servers for the fault tests: each test owns a PostgreSQL cluster and a Redis on free ports under a
 * temporary directory, which it may kill and restart at will. The shared servers (5432, 6379) are never touched.
 * Needs the PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin) and redis-server.
 */

/** Why the fault tests cannot run here (a binary missing), or null. */
export function missingBinaries(): string | null {
  const missing: string[] = [];
  if (!postgresBin()) missing.push('PostgreSQL server (/usr/lib/postgresql/<version>/bin/initdb, pg_ctl)');
  if (spawnSync('redis-server', ['--version']).status !== 0) missing.push('redis-server');
  if (process.getuid?.() === 0 && !/^postgres:/m.test(readable('/etc/passwd'))) missing.push('the system user postgres (to run initdb as root)');
  return missing.length ? `故障测试需要 / the fault tests need: ${missing.join(', ')}` : null;
}

const readable = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : null;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A scratch directory; `owner` (a system user) gets it when running as root. */
function scratch(name: string, owner?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `faults-${name}-`));
  if (owner && process.getuid?.() === 0) execFileSync('chown', ['-R', `${owner}:${owner}`, dir]);
  return dir;
}

// ---------------------------------------------------------------------------------------------------- PostgreSQL

export interface PostgresServer {
  port: number;
  dir: string;
  /** Connection settings for pg / Strapi's DATABASE_* variables. */
  env(database: string): Record<string, string>;
  createDatabase(name: string): Promise<void>;
  /** A pg client on one database (the caller ends it). */
  client(database: string): Promise<Client>;
  /** `pg_ctl stop -m fast` (sessions terminated, clean shutdown) and `pg_ctl start`; they do not block the event loop. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster and removes its directory (safe to call twice). */
  destroy(): void;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  if (!bin) throw new Error(missingBinaries() ?? 'no PostgreSQL');
  const asRoot = process.getuid?.() === 0;
  const dir = scratch('pg', 'postgres');
  const data = path.join(dir, 'data');
  const port = await freePort();
  const argv = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
  const run = (tool: string, args: string[]) => {
    const result = spawnSync(...argv(tool, args), { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  };
  const runAsync = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      execFile(...argv(tool, args), { encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${tool} ${args.join(' ')} failed: ${stderr || stdout || error.message}`)) : resolve()
      );
    });
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  // fsync off: the fault tests stop this server cleanly (fast shutdown), they never pull its power
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const logFile = path.join(dir, 'server.log');
  let destroyed = false;
  const server: PostgresServer = {
    port,
    dir,
    env: (database) => ({
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: '127.0.0.1',
      DATABASE_PORT: String(port),
      DATABASE_NAME: database,
      DATABASE_USERNAME: 'postgres',
      DATABASE_PASSWORD: '',
    }),
    async createDatabase(name) {
      const admin = await server.client('postgres');
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
    },
    async client(database) {
      const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password: '', database });
      await client.connect();
      return client;
    },
    stop: () => runAsync('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30']),
    start: () => runAsync('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', logFile, '-o', options]),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '30']);
      } catch {
        // not running
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

// ---------------------------------------------------------------------------------------------------------- Redis

export interface RedisServer {
  port: number;
  url: string;
  persistent: boolean;
  /** SIGKILL: what a crash of the Redis host looks like. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory (with persistence it reloads its append-only file). */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** A Redis on a free port; `persistent`: append-only file (fsync every second), else no persistence at all. */
export async function startRedis(persistent: boolean): Promise<RedisServer> {
  const dir = scratch(persistent ? 'redis-aof' : 'redis-mem');
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no'];
  args.push(...(persistent ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no']));
  let child: ChildProcess | null = null;
  const log = fs.openSync(path.join(dir, 'redis.log'), 'a');
  let closed = false;

  async function waitUntilAnswering() {
    for (let tries = 0; tries < 100; tries += 1) {
      if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
      await sleep(100);
    }
    throw new Error(`redis-server on ${port} did not answer`);
  }

  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    persistent,
    async start() {
      child = spawn('redis-server', args, { stdio: ['ignore', log, log] });
      await waitUntilAnswering();
    },
    async kill() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    async destroy() {
      await server.kill();
      if (closed) return;
      closed = true;
      fs.closeSync(log);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
