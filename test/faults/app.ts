import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './servers';

/**
 * The app under test as a child process (test/faults/launcher.js), spoken to over real HTTP on loopback, so that
 * a test can SIGKILL it and start it again on the same database.
 */
export type Json = Record<string, any>;

export interface AppProcess {
  base: string;
  pid: number;
  /** `Bearer …` of a full-access API token made at this start. */
  authorization: string;
  /** Sets the app's wall clock (`Date` only; it advances in real time from there). */
  setClock(now: Date): Promise<void>;
  /** The offset of its clock from the real one, to start a successor on the same timeline. */
  clockOffset(): number;
  kill(signal?: NodeJS.Signals): Promise<number | null | string>;
  /** The app's log so far (for a failing test's message). */
  log(): string;
  exited: Promise<void>;
}

const LAUNCHER = path.join(__dirname, 'launcher.js');
const BOOT_TIMEOUT_MS = 120_000;

export async function startApp(env: Record<string, string>, logFile: string): Promise<AppProcess> {
  const port = await freePort();
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = fork(LAUNCHER, [], {
    cwd: path.resolve(__dirname, '..', '..'),
    // never the shared servers the environment may name (CI's DATABASE_*, REDIS_URL): only what the test passes
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test' },
    stdio: ['ignore', out, out, 'ipc'],
  });
  let offset = Number(env.FAULTS_CLOCK_OFFSET_MS ?? 0);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => fs.readFileSync(logFile, 'utf8');
  const ready = await new Promise<Json>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start within ${BOOT_TIMEOUT_MS / 1000} s:\n${log().slice(-4000)}`)), BOOT_TIMEOUT_MS);
    child.on('message', (message: Json) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited (${code}) while starting:\n${log().slice(-4000)}`));
    });
  });
  child.on('message', (message: Json) => {
    if (message.type === 'clock') offset = message.offset;
  });
  return {
    base: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    authorization: `Bearer ${ready.token}`,
    async setClock(now: Date) {
      const confirmed = new Promise<void>((resolve) => {
        const listener = (message: Json) => {
          if (message.type !== 'clock') return;
          child.off('message', listener);
          resolve();
        };
        child.on('message', listener);
      });
      child.send({ type: 'clock', now: now.getTime() });
      await confirmed;
    },
    clockOffset: () => offset,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
      child.kill(signal);
      await exited;
      fs.closeSync(out);
      return child.exitCode ?? child.signalCode;
    },
    log,
    exited,
  };
}

export interface Answer {
  status: number;
  body: Json;
  ms: number;
}

/** One REST call with a bound on its time: a hang counts as status 0 after `timeoutMs`. */
export async function call(app: Pick<AppProcess, 'base' | 'authorization'>, method: string, url: string, data?: Json, timeoutMs = 20_000): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(app.base + url, {
      method,
      headers: { Authorization: app.authorization, 'Content-Type': 'application/json' },
      body: data ? JSON.stringify({ data }) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: Json;
    try {
      body = JSON.parse(text || '{}');
    } catch {
      body = { text };
    }
    return { status: res.status, body, ms: performance.now() - started };
  } catch (error) {
    return { status: 0, body: { error: String((error as Error).message ?? error) }, ms: performance.now() - started };
  }
}

/** POSTs a record and returns its data; throws with the answer otherwise. */
export async function created(app: Pick<AppProcess, 'base' | 'authorization'>, plural: string, data: Json): Promise<Json> {
  const answer = await call(app, 'POST', `/api/${plural}`, data);
  if (answer.status !== 201) throw new Error(`POST /api/${plural} → ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.data;
}
