import { DomainError, ValidationFailedError } from './domain-error';

describe('DomainError', () => {
  it('carries its stable code and HTTP status from the catalog', () => {
    const error = new DomainError('RATE_LIMITED');

    expect(error.status).toBe(429);
    expect(error.message).toBe('Too many requests');
  });

  it('survives the trip across NATS with its code, message and field errors', () => {
    const original = new ValidationFailedError([{ field: 'amount', message: 'amount must be positive' }]);

    const rebuilt = DomainError.fromWire(JSON.parse(JSON.stringify(original.toWire())));

    expect(rebuilt).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, errors: original.errors });
    expect(rebuilt.message).toBe(original.message);
  });

  it('turns anything unrecognisable from the wire into a generic internal error', () => {
    expect(DomainError.fromWire('There is no matching message handler')).toMatchObject({
      code: 'INTERNAL',
      status: 500,
    });
    expect(DomainError.fromWire({ code: 'NOT_A_REAL_CODE', message: 'x' })).toMatchObject({
      code: 'INTERNAL',
    });
  });
});
