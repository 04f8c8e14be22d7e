import type { Core } from '@strapi/strapi';

/**
 * Inside a transaction, locks one row until the transaction ends (`SELECT … FOR UPDATE` on PostgreSQL), so that
 * writers of the same row queue up behind each other; SQLite serialises writers itself. Returns whether the row
 * exists (on SQLite: always true, the caller's own read tells).
 */
export async function lockRow(strapi: Core.Strapi, trx: any, uid: string, id: number): Promise<boolean> {
  if (strapi.db.dialect.client !== 'postgres') return true;
  const schema = strapi.db.getSchemaName();
  const query = trx(strapi.db.metadata.get(uid).tableName).where({ id }).forUpdate().first('id');
  return Boolean(await (schema ? query.withSchema(schema) : query));
}
