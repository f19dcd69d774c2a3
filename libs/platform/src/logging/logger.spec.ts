import { LogCapture } from '@ecom/testing';

import { runWithContext } from '../context/request-context';
import { createLogger } from './logger';
import { redact, redactText } from './redaction';

describe('logging', () => {
  const secrets = {
    password: 'correct horse battery staple',
    otp: '731904',
    token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLXZhbHVl',
    card: '4111 1111 1111 1234',
  };

  it('writes one JSON object a line with the service and the request context', () => {
    const capture = new LogCapture();
    const logger = createLogger({ service: 'wallet', level: 'info', transport: capture });

    runWithContext(
      {
        requestId: 'req-1',
        correlationId: 'corr-1',
        caller: { user_id: 'user-1', roles: ['client'] },
        subject: 'wallet.transfer.create',
      },
      () => logger.info('Transfer created', { amount: 2500 }),
    );

    expect(capture.entries[0]).toMatchObject({
      level: 'info',
      message: 'Transfer created',
      service: 'wallet',
      request_id: 'req-1',
      correlation_id: 'corr-1',
      user_id: 'user-1',
      subject: 'wallet.transfer.create',
      amount: 2500,
    });
  });

  it('never writes a password, an OTP, a bearer token or a card number, wherever they are passed', () => {
    const capture = new LogCapture();
    const logger = createLogger({ service: 'auth', level: 'debug', transport: capture });

    logger.info('Login', { body: { phone: '+22890123456', password: secrets.password, code: secrets.otp } });
    logger.debug('Headers', { headers: { Authorization: `Bearer ${secrets.token}` } });
    logger.warn(`Card ${secrets.card} declined for token ${secrets.token}, otp: ${secrets.otp}`);
    logger.error('Provider failed', { error: new Error(`POST failed with password=${secrets.password}`) });

    const output = capture.text();
    for (const secret of Object.values(secrets)) expect(output).not.toContain(secret);
    expect(output).not.toContain('+22890123456');
    expect(output).toContain('****1234');
  });

  it('keeps stable error codes, which are not one-time codes', () => {
    expect(redact({ code: 'WALLET_INSUFFICIENT_FUNDS', otp_code: '123456' })).toEqual({
      code: 'WALLET_INSUFFICIENT_FUNDS',
      otp_code: '[REDACTED]',
    });
    expect(redact({ code: '123456' })).toEqual({ code: '[REDACTED]' });
  });

  it('masks phone numbers to their country code and last digits', () => {
    expect(redactText('SMS to +22890123456 sent')).toBe('SMS to +228****56 sent');
  });
});
