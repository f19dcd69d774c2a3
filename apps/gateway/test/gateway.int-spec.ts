import { randomUUID } from 'node:crypto';

import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { AUTH_JWKS_SUBJECT, type Caller } from '@ecom/contracts';
import { currentContext, Public, Roles, ServiceClient, type RunningApp } from '@ecom/platform';
import { TestBus, TestEnvironment, TestSigningKey } from '@ecom/testing';
import { IsInt, IsOptional, IsString, Min } from 'class-validator';

import { createGateway } from '../src/app';
import { CurrentCaller } from '../src/auth/current-caller.decorator';
import type { GatewayConfig } from '../src/config';
import { Idempotent } from '../src/idempotency/idempotent.decorator';
import { Sensitive } from '../src/throttling/sensitive.decorator';

class CreateTransferDto {
  @IsInt()
  @Min(1)
  amount!: number;

  @IsOptional()
  @IsString()
  note?: string;
}

/** Routes shaped like the services' real ones, relayed to a responder the test plays. */
@Controller('fixture')
class FixtureController {
  constructor(private readonly client: ServiceClient) {}

  @Get('me')
  me(@CurrentCaller() caller: Caller): Caller {
    return caller;
  }

  /** What a service call made by this route would carry. */
  @Post('context')
  @HttpCode(200)
  context(@Body() body: CreateTransferDto): { request_id?: string; user_id?: string; amount: number } {
    const context = currentContext();

    return { request_id: context?.requestId, user_id: context?.caller?.user_id, amount: body.amount };
  }

  @Roles('admin')
  @Get('admin')
  admin(): { ok: true } {
    return { ok: true };
  }

  @Roles('client')
  @Idempotent()
  @Post('transfers')
  @HttpCode(201)
  transfer(@Body() body: CreateTransferDto): Promise<unknown> {
    return this.client.request('wallet.fixture.transfer', body);
  }

  @Public()
  @Sensitive()
  @Post('otp')
  @HttpCode(202)
  otp(): { sent: true } {
    return { sent: true };
  }
}

@Module({ controllers: [FixtureController] })
class FixtureRoutesModule {}

describe('gateway: the HTTP edge in front of real NATS', () => {
  let environment: TestEnvironment;
  let bus: TestBus;
  let gateway: RunningApp<GatewayConfig>;
  const key = new TestSigningKey();
  const rotatedKey = new TestSigningKey();
  let publishedKeys = [key];
  let transfersServed = 0;
  let walletMode: 'answer' | 'hang' = 'answer';

  const call = (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
    if (init.body) headers.set('Content-Type', 'application/json');

    return fetch(`${gateway.url}${path}`, { ...init, headers });
  };
  const problemOf = async (response: Response): Promise<Record<string, unknown>> => {
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: response.status, request_id: response.headers.get('x-request-id') });
    expect(body['type']).toMatch(/^https:\/\//);

    return body;
  };

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    bus = await TestBus.connect(environment);
    bus.respond(AUTH_JWKS_SUBJECT, () => ({
      keys: publishedKeys.flatMap((published) => published.jwks().keys),
    }));
    bus.respond('wallet.fixture.transfer', (data) => {
      if (walletMode === 'hang') return undefined;
      transfersServed += 1;

      return { id: randomUUID(), ...(data as object) };
    });
    gateway = await createGateway({
      env: environment.env({
        BODY_LIMIT_BYTES: '2048',
        RPC_TIMEOUT_MS: '400',
        RATE_LIMIT_SENSITIVE: '3',
        RATE_LIMIT_PER_USER: '30',
        TRUSTED_PROXIES: '127.0.0.1',
        CORS_ORIGINS: 'https://app.ecom.tg',
        LOG_LEVEL: 'error',
      }),
      routes: [FixtureRoutesModule],
    });
  });

  afterAll(async () => {
    await gateway.close();
    await bus.close();
    await environment.destroy();
  });

  describe('access tokens', () => {
    it('answers 401 UNAUTHENTICATED without a token', async () => {
      const response = await call('/api/v1/fixture/me');

      expect(response.status).toBe(401);
      expect(await problemOf(response)).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('admits a valid token and hands the verified caller to the route', async () => {
      const userId = randomUUID();
      const response = await call('/api/v1/fixture/me', {
        token: key.token({ sub: userId, roles: ['driver'] }),
      });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ user_id: userId, roles: ['driver'] });
    });

    it('accepts tokens of a key auth starts publishing after the gateway cached the old set (rotation)', async () => {
      await call('/api/v1/fixture/me', { token: key.token() });
      publishedKeys = [key, rotatedKey];

      const response = await call('/api/v1/fixture/me', { token: rotatedKey.token() });

      expect(response.status).toBe(200);
    });

    it.each([
      ['expired', () => key.token({ expiresIn: -60 }), 'TOKEN_EXPIRED'],
      [
        'forged (signed by another key under a known kid)',
        () => new TestSigningKey().token({ kid: key.kid }),
        'TOKEN_INVALID',
      ],
      ['for another audience', () => key.token({ audience: 'another-api' }), 'TOKEN_INVALID'],
      ['from another issuer', () => key.token({ issuer: 'someone-else' }), 'TOKEN_INVALID'],
      ['unsigned (alg none)', () => key.token({ alg: 'none' }), 'TOKEN_INVALID'],
      ['signed by an unknown key', () => new TestSigningKey().token(), 'TOKEN_INVALID'],
      ['not a JWT', () => 'not-a-token', 'TOKEN_INVALID'],
    ])('answers 401 for a token %s', async (_case, token, code) => {
      const response = await call('/api/v1/fixture/me', { token: token() });

      expect(response.status).toBe(401);
      expect(await problemOf(response)).toMatchObject({ code });
    });

    it('answers 403 FORBIDDEN to a role the route does not admit', async () => {
      const response = await call('/api/v1/fixture/admin', { token: key.token({ roles: ['client'] }) });

      expect(response.status).toBe(403);
      expect(await problemOf(response)).toMatchObject({ code: 'FORBIDDEN' });
      expect((await call('/api/v1/fixture/admin', { token: key.token({ roles: ['admin'] }) })).status).toBe(
        200,
      );
    });
  });

  describe('request bodies', () => {
    it('answers 400 naming an unknown field and an invalid one', async () => {
      const response = await call('/api/v1/fixture/transfers', {
        method: 'POST',
        token: key.token(),
        body: JSON.stringify({ amount: 0, colour: 'blue' }),
      });

      expect(response.status).toBe(400);
      const problem = await problemOf(response);
      expect(problem['code']).toBe('VALIDATION_FAILED');
      expect(problem['errors']).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'colour' }),
          expect.objectContaining({ field: 'amount' }),
        ]),
      );
    });

    it('answers 400 MALFORMED_REQUEST to a body that is not JSON', async () => {
      const response = await call('/api/v1/fixture/transfers', {
        method: 'POST',
        token: key.token(),
        body: '{"amount":',
      });

      expect(response.status).toBe(400);
      expect(await problemOf(response)).toMatchObject({ code: 'MALFORMED_REQUEST' });
    });

    it('answers 413 to a body over the limit', async () => {
      const response = await call('/api/v1/fixture/transfers', {
        method: 'POST',
        token: key.token(),
        body: JSON.stringify({ amount: 1, note: 'x'.repeat(4096) }),
      });

      expect(response.status).toBe(413);
      expect(await problemOf(response)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });
  });

  describe('services behind the gateway', () => {
    it('answers 503 when no service serves the route', async () => {
      const response = await call('/api/v1/status/payment');

      expect(response.status).toBe(503);
      expect(await problemOf(response)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    });

    it('answers 504 when the service does not answer in time', async () => {
      walletMode = 'hang';
      try {
        const response = await call('/api/v1/fixture/transfers', {
          method: 'POST',
          token: key.token(),
          body: JSON.stringify({ amount: 10 }),
        });

        expect(response.status).toBe(504);
        expect(await problemOf(response)).toMatchObject({ code: 'SERVICE_TIMEOUT' });
      } finally {
        walletMode = 'answer';
      }
    });

    it('is not ready while the services are missing, and says which', async () => {
      const response = await call('/health/ready');

      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ ready: false, checks: { nats: true, wallet: false } });
    });
  });

  describe('idempotency keys', () => {
    it('replays the first answer to a retry with the same key and body, without calling the service again', async () => {
      const token = key.token({ sub: randomUUID() });
      const send = (body: object): Promise<Response> =>
        call('/api/v1/fixture/transfers', {
          method: 'POST',
          token,
          headers: { 'Idempotency-Key': 'transfer-7c1d2e3f' },
          body: JSON.stringify(body),
        });
      const served = transfersServed;

      const first = await send({ amount: 2500 });
      const retry = await send({ amount: 2500 });

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await retry.json()).toEqual(await first.json());
      expect(transfersServed).toBe(served + 1);

      const other = await send({ amount: 9000 });
      expect(other.status).toBe(409);
      expect(await problemOf(other)).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    });
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After past the limit of a sensitive route, per client address', async () => {
      const from = (address: string): Promise<Response> =>
        call('/api/v1/fixture/otp', { method: 'POST', headers: { 'X-Forwarded-For': address } });
      for (let attempt = 0; attempt < 3; attempt += 1) expect((await from('203.0.113.7')).status).toBe(202);

      const limited = await from('203.0.113.7');

      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await problemOf(limited)).toMatchObject({ code: 'RATE_LIMITED' });
      expect((await from('198.51.100.23')).status).toBe(202);
    });

    it('limits each signed-in user on their own', async () => {
      const busy = key.token({ sub: randomUUID() });
      const statuses: number[] = [];
      for (let request = 0; request < 31; request += 1) {
        statuses.push((await call('/api/v1/fixture/me', { token: busy })).status);
      }

      expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
      expect(statuses[30]).toBe(429);
      expect((await call('/api/v1/fixture/me', { token: key.token({ sub: randomUUID() }) })).status).toBe(
        200,
      );
    });
  });

  describe('the edge itself', () => {
    it('gives each of many concurrent requests its own context: request id and verified caller', async () => {
      const requests = Array.from({ length: 40 }, (_, index) => ({
        requestId: `concurrent-${index}-${randomUUID()}`,
        userId: randomUUID(),
        amount: index + 1,
      }));

      const answers = await Promise.all(
        requests.map(async ({ requestId, userId, amount }) => {
          const response = await call('/api/v1/fixture/context', {
            method: 'POST',
            token: key.token({ sub: userId }),
            headers: { 'X-Request-Id': requestId },
            body: JSON.stringify({ amount, note: 'x'.repeat(1500) }),
          });

          return (await response.json()) as { request_id: string; user_id: string; amount: number };
        }),
      );

      expect(answers).toEqual(
        requests.map(({ requestId, userId, amount }) => ({ request_id: requestId, user_id: userId, amount })),
      );
    });

    it('keeps a client request id, echoes it, and puts it in error bodies', async () => {
      const response = await call('/api/v1/nowhere', { headers: { 'X-Request-Id': 'mobile-req-0042' } });

      expect(response.status).toBe(404);
      expect(response.headers.get('x-request-id')).toBe('mobile-req-0042');
      expect(await problemOf(response)).toMatchObject({
        code: 'ROUTE_NOT_FOUND',
        request_id: 'mobile-req-0042',
      });
    });

    it('allows CORS only from configured origins and sends security headers', async () => {
      const allowed = await call('/health', { headers: { Origin: 'https://app.ecom.tg' } });
      const refused = await call('/health', { headers: { Origin: 'https://evil.example' } });

      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.ecom.tg');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('compresses large answers for slow mobile networks', async () => {
      const response = await call('/docs-json', { headers: { 'Accept-Encoding': 'gzip' } });

      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe('gzip');
    });

    it('documents its routes and their problem answers in OpenAPI', async () => {
      const document = (await (await call('/docs-json')).json()) as {
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      };

      expect(document.paths['/api/v1/status/{service}']?.['get']?.responses).toHaveProperty('503');
      expect(document.paths['/api/v1/fixture/transfers']?.['post']).toBeDefined();
    });

    it('serves Prometheus metrics with a histogram of its routes', async () => {
      await call('/api/v1/fixture/me', { token: key.token() });
      const text = await (await call('/metrics')).text();

      expect(text).toMatch(/ecom_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/fixture\/me"/);
    });
  });
});

describe('gateway behind no trusted proxy', () => {
  it('ignores X-Forwarded-For and limits by the connecting address', async () => {
    const environment = await TestEnvironment.create();
    const gateway = await createGateway({
      env: environment.env({ RATE_LIMIT_SENSITIVE: '2', LOG_LEVEL: 'error' }),
      routes: [FixtureRoutesModule],
    });
    try {
      const from = (address: string): Promise<Response> =>
        fetch(`${gateway.url}/api/v1/fixture/otp`, {
          method: 'POST',
          headers: { 'X-Forwarded-For': address },
        });

      const statuses = [
        (await from('203.0.113.1')).status,
        (await from('203.0.113.2')).status,
        (await from('203.0.113.3')).status,
      ];

      expect(statuses).toEqual([202, 202, 429]);
    } finally {
      await gateway.close();
      await environment.destroy();
    }
  });
});
