import type { Core } from '@strapi/strapi';
import { FILLED_MARK } from '../scope/sets';

/**
 * The stored scopes (see `scope/sets.ts`): one row per readable record of a type for one scope key, labelled with
 * the generation it was computed at, plus a row with record 0 that says the set is complete. The generation is one
 * counter, moved on by every write that may change a stored scope (`scope-sets-middleware.ts`) and at every start
 * (data loaded while the platform was down). Several instances share both tables: whichever reads a generation
 * first computes its set, and a set is only ever read at the generation it was computed for.
 */
export const SETS_TABLE = 'bureau_scope_sets';
export const GENERATIONS_TABLE = 'bureau_scope_generations';
const NAME = 'scope';

export const scopeSetModel = {
  uid: 'bureau-views::scope-set',
  singularName: 'bureau_scope_set',
  tableName: SETS_TABLE,
  attributes: {
    id: { type: 'increments' },
    target: { type: 'string' },
    viewer: { type: 'string' },
    generation: { type: 'integer' },
    record: { type: 'integer' },
    /** When the set was computed (ms since the epoch), on each of its rows. */
    filled: { type: 'biginteger' },
  },
  indexes: [
    { name: `${SETS_TABLE}_lookup`, columns: ['target', 'viewer', 'generation', 'record'] },
    // the complete-set marks of a key, for the clean-up
    { name: `${SETS_TABLE}_marks`, columns: ['record', 'target', 'viewer', 'generation'] },
  ],
};

/**
 * How long a set stays after a newer one of its key was computed: a request reads the generation once and then its
 * set, possibly after later writes moved the generation on and other requests computed newer sets; it must still
 * find its own. Far longer than any request runs.
 */
export const RETIRED_SETS_KEPT_MS = 60_000;

export const scopeGenerationModel = {
  uid: 'bureau-views::scope-generation',
  singularName: 'bureau_scope_generation',
  tableName: GENERATIONS_TABLE,
  attributes: {
    id: { type: 'increments' },
    name: { type: 'string' },
    value: { type: 'integer' },
  },
  indexes: [{ name: `${GENERATIONS_TABLE}_name_uq`, columns: ['name'], type: 'unique' }],
};

const GENERATION = Symbol('bureau-views.generation');
type Row = Record<string, any>;

export function scopeSets(strapi: Core.Strapi) {
  const qualified = (table: string) => {
    const schema = strapi.db.getSchemaName?.();
    return schema ? `${schema}.${table}` : table;
  };
  const knex = () => strapi.db.connection;
  /** A raw statement inside the current transaction when there is one, on its own otherwise (no BEGIN/COMMIT around it). */
  const within = <T>(work: (trx: any) => Promise<T>): Promise<T> =>
    strapi.db.inTransaction() ? (strapi.db.transaction(({ trx }) => work(trx)) as Promise<T>) : work(knex());

  /** Sets known complete in this process, by `target|viewer|generation` (only the newest generation's are kept). */
  const filled = new Map<string, Promise<void>>();
  /** Id lists worked out in this process, by `<key>|generation` (the newest generation's only). */
  const lists = new Map<string, Promise<number[]>>();
  let newest = -1;
  /** A newer generation seen: what this process kept for older ones is dropped. */
  function moveTo(at: number) {
    if (at <= newest) return;
    newest = at;
    for (const memo of [filled, lists] as Array<Map<string, unknown>>) for (const key of memo.keys()) if (!key.endsWith(`|${at}`)) memo.delete(key);
  }

  /** The generation as a subquery, for the statement that looks up a REST user's bureau to read it at no cost. */
  const generationColumn = () => knex().raw(`(select value from ${qualified(GENERATIONS_TABLE)} where name = ?) as generation`, [NAME]);

  async function readGeneration(): Promise<number> {
    const rows: Row[] = await knex().from(qualified(GENERATIONS_TABLE)).select('value').where({ name: NAME });
    return Number(rows[0]?.value ?? 0);
  }

  /** The generation the current request reads at: looked up once per request (again after one of its writes). */
  function generation(): Promise<number> {
    const ctx = strapi.requestContext.get() as Row | undefined;
    if (!ctx?.state) return readGeneration();
    ctx.state[GENERATION] ??= readGeneration();
    return ctx.state[GENERATION];
  }

  /** What the viewer's look-up read along with its bureau. */
  function seen(value: unknown) {
    const ctx = strapi.requestContext.get() as Row | undefined;
    if (ctx?.state && value !== null && value !== undefined) ctx.state[GENERATION] ??= Promise.resolve(Number(value));
  }

  /** Moves the generation on: inside the current transaction when there is one, so both commit together. */
  async function bump() {
    await within((trx) => trx(qualified(GENERATIONS_TABLE)).where({ name: NAME }).increment('value', 1));
    // this request's next reads look the generation up again (it is the committed one by then)
    const ctx = strapi.requestContext.get() as Row | undefined;
    if (ctx?.state) delete ctx.state[GENERATION];
  }

  /** At start: the counter exists, and moves on past whatever was computed before (the data may have changed since). */
  async function start() {
    await knex().from(qualified(GENERATIONS_TABLE)).insert({ name: NAME, value: 0 }).onConflict('name').ignore();
    await bump();
  }

  /** When this process last cleaned up each key's sets. */
  const cleaned = new Map<string, number>();

  async function fill(target: string, viewer: string, at: number, live: () => any) {
    const now = Date.now();
    const { sql, bindings } = live().toSQL();
    // one statement: each record once (a project reached through many items is in the union many times), and
    // nothing when another request or instance has already stored the set at this generation
    await knex().raw(
      `insert into ${qualified(SETS_TABLE)} (target, viewer, generation, record, filled) ` +
        `select cast(? as varchar(255)), cast(? as varchar(255)), cast(? as integer), s.id, cast(? as bigint) from (${sql} union all select ${FILLED_MARK} as id) s ` +
        `where not exists (select 1 from ${qualified(SETS_TABLE)} m where m.record = ${FILLED_MARK} and m.target = ? and m.viewer = ? and m.generation = ?) group by s.id`,
      [target, viewer, at, now, ...bindings, target, viewer, at]
    );
    // the clean-up: at most twice per RETIRED_SETS_KEPT_MS for a key in this process
    const key = `${target}|${viewer}`;
    if (now - (cleaned.get(key) ?? 0) < RETIRED_SETS_KEPT_MS / 2) return;
    cleaned.set(key, now);
    await cleanUp(target, viewer, now);
  }

  /**
   * Removes a key's sets superseded long enough ago: the newest set computed over `RETIRED_SETS_KEPT_MS` before
   * `now` stays, and every older one was superseded at least that long ago (no request still reads it).
   */
  async function cleanUp(target: string, viewer: string, now = Date.now()) {
    const [cutoff]: Row[] = await knex()
      .from(qualified(SETS_TABLE))
      .max({ generation: 'generation' })
      .where({ record: FILLED_MARK, target, viewer })
      .andWhere('filled', '<', now - RETIRED_SETS_KEPT_MS);
    if (cutoff?.generation !== null && cutoff?.generation !== undefined) {
      await knex().from(qualified(SETS_TABLE)).where({ target, viewer }).andWhere('generation', '<', Number(cutoff.generation)).delete();
    }
  }

  /** Makes sure the set exists at the generation, computing it from `live` (the link-table union) when not. */
  function ensure(target: string, viewer: string, at: number, live: () => any): Promise<void> {
    moveTo(at);
    const key = `${target}|${viewer}|${at}`;
    let pending = filled.get(key);
    if (!pending) {
      pending = fill(target, viewer, at, live);
      filled.set(key, pending);
      pending.catch(() => filled.delete(key));
    }
    return pending;
  }

  /** The stored set as a subquery of ids (`record 0` among them, which no row has). */
  const subquery = (target: string, viewer: string, at: number) =>
    knex().from(qualified(SETS_TABLE)).select('record as id').where({ target, viewer, generation: at });

  return {
    generationColumn,
    seen,
    bump,
    start,
    cleanUp,

    /**
     * The readable ids of a type for a scope key, as a subquery over the stored set (computed first if needed).
     * Wrapped: a knex builder is a thenable, which a promise would run instead of handing it over.
     */
    async subquery(target: string, viewer: string, live: () => any): Promise<{ query: unknown }> {
      const at = await generation();
      await ensure(target, viewer, at, live);
      return { query: subquery(target, viewer, at) };
    },

    /**
     * An id list worked out once per generation in this process (`compute` runs again once any scope may have
     * moved): for the admin panel's conditions, which the permission engine evaluates for every type on every request.
     */
    async remember(key: string, compute: () => Promise<number[]>): Promise<number[]> {
      const at = await generation();
      moveTo(at);
      const memo = `${key}|${at}`;
      let pending = lists.get(memo);
      if (!pending) {
        pending = compute();
        lists.set(memo, pending);
        pending.catch(() => lists.delete(memo));
      }
      return pending;
    },

    /** The same as an id list. */
    async ids(target: string, viewer: string, live: () => any): Promise<number[]> {
      const at = await generation();
      await ensure(target, viewer, at, live);
      const rows: Row[] = await subquery(target, viewer, at).andWhere('record', '<>', FILLED_MARK).orderBy('record');
      return rows.map((row) => Number(row.id));
    },
  };
}

export type ScopeSets = ReturnType<typeof scopeSets>;
