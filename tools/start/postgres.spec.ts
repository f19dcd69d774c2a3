import { classifyPostgresError } from './postgres';

function errorWithCode(code: string | undefined, message = 'failed'): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code });
}

describe('classifyPostgresError', () => {
  it('treats a refused connection as nothing listening', () => {
    expect(classifyPostgresError(errorWithCode('ECONNREFUSED'))).toEqual({ kind: 'absent' });
  });

  it('recognises a missing database and a refused login', () => {
    expect(classifyPostgresError(errorWithCode('3D000'))).toEqual({ kind: 'database-missing' });
    expect(classifyPostgresError(errorWithCode('28P01', 'password authentication failed'))).toEqual({
      kind: 'auth-failed',
      message: 'password authentication failed',
    });
    expect(classifyPostgresError(errorWithCode('28000')).kind).toBe('auth-failed');
  });

  it('reports other server errors as errors', () => {
    expect(classifyPostgresError(errorWithCode('53300', 'too many clients'))).toEqual({
      kind: 'error',
      message: 'too many clients',
    });
  });

  it('takes a listener that does not speak Postgres for something else', () => {
    expect(classifyPostgresError(errorWithCode(undefined, 'Connection terminated unexpectedly')).kind).toBe(
      'not-postgres',
    );
    expect(classifyPostgresError(errorWithCode('ECONNRESET')).kind).toBe('not-postgres');
  });
});
