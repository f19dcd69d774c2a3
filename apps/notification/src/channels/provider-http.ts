/** What came back from a provider's HTTP API: an answer (any status) or no answer at all. */
export type ProviderAnswer = { status: number; body: unknown } | { unreachable: string };

/**
 * One POST to a provider with a deadline. A network failure or timeout becomes `unreachable` with only the
 * error's name: a network error's message could echo the request (and its secrets).
 */
export async function postToProvider(
  url: string,
  init: { headers: Record<string, string>; body: string },
  timeoutMs: number,
): Promise<ProviderAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = errorName(error);

    return {
      unreachable: name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `network error (${name})`,
    };
  }

  return { status: response.status, body: await readJson(response) };
}

/** Read by name, not instanceof: fetch's errors may come from another realm (jest's sandbox). */
export function errorName(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;

  return typeof name === 'string' ? name : 'unknown';
}

export async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** A provider's own error text, cut short: never ours, so never a body or a secret we sent. */
export function clip(text: unknown): string | undefined {
  return typeof text === 'string' ? text.slice(0, 300) : undefined;
}
