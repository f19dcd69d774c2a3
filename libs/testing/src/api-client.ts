export interface ApiCallOptions extends RequestInit {
  /** Sent as `Authorization: Bearer …`. */
  token?: string;
  /** Sent as the JSON body; the method defaults to POST. */
  json?: unknown;
}

export type ApiCall = (path: string, options?: ApiCallOptions) => Promise<Response>;

/**
 * Calls the API as a mobile client does: bearer token, JSON body. `baseUrl` is read at each call, so the
 * client can be made before the gateway it talks to has started.
 */
export function apiClient(baseUrl: () => string): ApiCall {
  return (path, options = {}) => {
    const { token, json, ...init } = options;
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (json !== undefined) headers.set('Content-Type', 'application/json');

    return fetch(`${baseUrl()}${path}`, {
      ...init,
      method: init.method ?? (json === undefined ? undefined : 'POST'),
      headers,
      body: json === undefined ? init.body : JSON.stringify(json),
    });
  };
}

/** The JSON body of `response`, after asserting its status (the body shows in the failure, e.g. a problem). */
export async function responseBody<T>(response: Response, status: number): Promise<T> {
  const body = (await response.json()) as T;
  expect({ status: response.status, body }).toMatchObject({ status });

  return body;
}
