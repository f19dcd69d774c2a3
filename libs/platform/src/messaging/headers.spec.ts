import { contextFromHeaders, contextToHeaders, HEADER } from './headers';

describe('request context headers', () => {
  it('carries the client address, caller and ids from the gateway to a service', () => {
    const headers = contextToHeaders({
      requestId: 'req-00000001',
      correlationId: 'req-00000001',
      caller: { user_id: 'c3b1f0e2-5d4a-4c8e-9b7a-1f2e3d4c5b6a', roles: ['client'] },
      clientIp: '203.0.113.7',
    });

    expect(headers.get(HEADER.clientIp)).toBe('203.0.113.7');
    expect(contextFromHeaders(headers, 'auth.otp.send')).toMatchObject({
      requestId: 'req-00000001',
      clientIp: '203.0.113.7',
      caller: { roles: ['client'] },
      subject: 'auth.otp.send',
    });
  });

  it('leaves the client address unset when the message came from no HTTP request', () => {
    const headers = contextToHeaders({ requestId: 'req-00000002', correlationId: 'req-00000002' });

    expect(contextFromHeaders(headers).clientIp).toBeUndefined();
  });
});
