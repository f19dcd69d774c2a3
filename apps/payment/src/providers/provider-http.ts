import { DomainError } from '@ecom/platform';

export interface ProviderAnswer {
  status: number;
  body: unknown;
}

/**
 * One call to a provider's API. Unreachable, too slow or answering something that is not JSON: the
 * provider is unavailable (502, retryable). Any HTTP status comes back to the adapter, which knows what
 * its provider's statuses and error shapes mean.
 */
export async function callProvider(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<ProviderAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `The provider did not answer: ${String(error)}`);
  }
  const text = await response.text();
  try {
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  } catch {
    throw new DomainError(
      'PAYMENT_PROVIDER_UNAVAILABLE',
      `The provider answered ${response.status} without JSON`,
    );
  }
}

/** Reads `path` (dot-separated) in a provider's JSON answer. */
export function field(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }

  return value;
}

export function stringField(body: unknown, path: string): string | undefined {
  const value = field(body, path);

  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
