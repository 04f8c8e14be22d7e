import { errors } from '@strapi/utils';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, isRelationCheckFailure } from '../database-errors';

/** What the 503 middleware and the process guard take for "the database cannot be reached right now". */
describe('isDatabaseUnavailable', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a session the server terminated (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['a server shutting down or starting up (57P03)', withCode('57P03', 'the database system is shutting down')],
    ['a connection exception (08006)', withCode('08006')],
    ['a socket closed under a query', new Error('Connection terminated unexpectedly')],
    ['a client closed by an earlier error', new Error('Client has encountered a connection error and is not queryable')],
    ['no connection from the pool in time', Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })],
    ['a refused connection to every address (AggregateError)', new AggregateError([withCode('ECONNREFUSED')], '')],
    ['a driver error wrapped by a caller', new Error('could not save', { cause: withCode('57P01') })],
  ])('%s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a not-null violation (23502)', withCode('23502')],
    ['a syntax error (42601)', withCode('42601', 'syntax error at or near "selec"')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('not %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('says so in Chinese and English', () => {
    expect(DATABASE_UNAVAILABLE_MESSAGE).toMatch(/^数据库.+ \/ The database .+/);
  });
});

/** Strapi's relation check turns any failure of its look-up into this one 400; a missing record is named instead. */
describe('isRelationCheckFailure', () => {
  it('is the relation check’s catch-all 400', () => {
    expect(isRelationCheckFailure(new errors.ValidationError('Invalid relations'))).toBe(true);
  });

  it.each([
    ['a relation that does not exist', new errors.ValidationError('1 relation(s) of type api::project.project associated with this entity do not exist')],
    ['another validation error', new errors.ValidationError('name must be defined')],
    ['a plain error of that text', new Error('Invalid relations')],
    ['nothing', undefined],
  ])('not %s', (_, error) => {
    expect(isRelationCheckFailure(error)).toBe(false);
  });
});
