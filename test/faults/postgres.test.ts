import { call, type Answer, type Json } from './app';
import { sleep, waitFor } from './helpers';
import { useFaultWorld } from './world';

/**
 * PostgreSQL stopped (fast shutdown: every session terminated) under a steady load of reads and writes, kept down
 * for a few seconds, started again. While it is down every request fails cleanly and soon — 503 with a message in
 * Chinese and English, never a bare 500, never a hang — the app stays up, and once the database is back the
 * same app process answers again, without a restart.
 */
const BOUND_MS = 10_000;
const OUTAGE_MS = 8_000;

describe('PostgreSQL restarted under load', () => {
  const world = useFaultWorld({ redis: 'none', rule: false });

  it('requests fail with a clear 503 while it is down and succeed again afterwards without restarting the app', async () => {
    const { app: a, pg } = world();
    const bureau: Json = (await call(a, 'GET', '/api/bureaus?filters[code][$eq]=commerce')).body.data[0];
    type Sample = Answer & { started: number; ended: number; what: string };
    const samples: Sample[] = [];
    let stop = false;
    const client = async (n: number) => {
      for (let round = 0; !stop; round += 1) {
        const started = performance.now();
        const answer =
          (n + round) % 2 === 0
            ? { what: 'read', ...(await call(a, 'GET', '/api/projects?pagination[pageSize]=5&populate=applicantBureau', undefined, 30_000)) }
            : {
                what: 'write',
                ...(await call(a, 'POST', '/api/tasks', { title: `负载事项 ${n}-${round}`, deadline: '2030-01-31', responsibleBureau: bureau.documentId }, 30_000)),
              };
        samples.push({ ...answer, started, ended: performance.now() });
        await sleep(answer.status >= 500 ? 100 : 20);
      }
    };
    const clients = Promise.all([1, 2, 3, 4].map(client));

    await sleep(3000);
    const stopping = performance.now();
    await pg.stop();
    const down = performance.now();
    await sleep(OUTAGE_MS);
    const starting = performance.now();
    await pg.start();
    const up = performance.now();

    // the same process answers again: reads and writes succeed within a few seconds of the database's return
    await waitFor('a successful write after the restart', async () => samples.some((s) => s.started > up && s.what === 'write' && s.status === 201), 30_000);
    await waitFor('a successful read after the restart', async () => samples.some((s) => s.started > up && s.what === 'read' && s.status === 200), 30_000);
    const recovered = performance.now();
    await sleep(3000);
    stop = true;
    await clients;

    expect(a.pid).toBeGreaterThan(0);
    expect((await call(a, 'GET', '/api/bureaus?pagination[pageSize]=1')).status).toBe(200);

    const during = samples.filter((s) => s.started >= down && s.ended <= starting);
    const after = samples.filter((s) => s.started >= recovered);
    const failures = samples.filter((s) => s.status !== 200 && s.status !== 201);
    // while it was down: answered, soon, with 503 and a message a person and a program can read
    expect(during.length).toBeGreaterThan(10);
    for (const sample of during) {
      expect({ what: sample.what, status: sample.status }).toEqual({ what: sample.what, status: 503 });
    }
    for (const sample of failures) {
      expect({ status: sample.status, message: sample.body.error?.message }).toEqual({
        status: 503,
        message: expect.stringMatching(/数据库.*\/.*database/i),
      });
      expect(sample.body.error.name).toBe('ServiceUnavailableError');
    }
    for (const sample of samples) expect(sample.ms).toBeLessThan(BOUND_MS);
    // and after: nothing but success
    expect(after.length).toBeGreaterThan(5);
    for (const sample of after) expect([200, 201]).toContain(sample.status);

    const worst = Math.max(...samples.map((s) => s.ms));
    process.stdout.write(
      `PostgreSQL: ${samples.length} requests, ${failures.length} answered 503 during the outage ` +
        `(stop ${Math.round(down - stopping)} ms, down ${Math.round(starting - down)} ms, start ${Math.round(up - starting)} ms), ` +
        `slowest ${Math.round(worst)} ms, answering again ${Math.round(recovered - up)} ms after the start, no restart of the app\n`
    );
  }, 120_000);
});
