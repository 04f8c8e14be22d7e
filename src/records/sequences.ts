import type { Core } from '@strapi/strapi';

/**
 * Named counters in their own table, incremented with a row lock inside the caller's transaction:
 * concurrent creates each get their own number, and a rolled-back create gives its number back.
 */
export const SEQUENCE_TABLE = 'app_sequences';

export const sequenceModel = {
  uid: 'app::sequence',
  singularName: 'app_sequence',
  tableName: SEQUENCE_TABLE,
  attributes: {
    id: { type: 'increments' },
    name: { type: 'string' },
    value: { type: 'integer' },
  },
  indexes: [{ name: `${SEQUENCE_TABLE}_name_uq`, columns: ['name'], type: 'unique' }],
};

/** Takes the next value of a counter, skipping values `taken` says are already in use. */
export async function nextSequenceValue(
  strapi: Core.Strapi,
  name: string,
  taken: (value: number) => Promise<boolean> = async () => false
): Promise<number> {
  return strapi.db.transaction(async ({ trx }) => {
    await trx(SEQUENCE_TABLE).insert({ name, value: 0 }).onConflict('name').ignore();
    for (;;) {
      const [row] = await trx(SEQUENCE_TABLE).where({ name }).increment('value', 1).returning('value');
      const value = Number(typeof row === 'object' ? row.value : row);
      if (!(await taken(value))) return value;
    }
  });
}
