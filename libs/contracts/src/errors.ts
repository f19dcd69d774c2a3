/**
 * Every stable error code of the platform with the HTTP status it maps to at the gateway.
 * Clients branch on `code`; the title is the human summary placed in problem details.
 */
export const ERROR_CATALOG = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_REQUEST: { status: 400, title: 'The request body could not be read' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  TOKEN_INVALID: { status: 401, title: 'The access token is not valid' },
  TOKEN_EXPIRED: { status: 401, title: 'The access token has expired' },
  FORBIDDEN: { status: 403, title: 'This action is not allowed for the caller' },
  NOT_FOUND: { status: 404, title: 'The resource does not exist' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'The request conflicts with the current state' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'This Idempotency-Key was used with another request' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: 'A request with this Idempotency-Key is still running' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body must be JSON' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'The service is unavailable' },
  SERVICE_TIMEOUT: { status: 504, title: 'The service did not answer in time' },
  // Auth: phone and one-time codes. Cooldown and limits are 429 like rate limits: the client waits.
  AUTH_PHONE_INVALID: { status: 400, title: 'The phone number is not valid' },
  AUTH_OTP_INVALID: { status: 400, title: 'The code is wrong, used or no longer valid' },
  AUTH_OTP_EXPIRED: { status: 400, title: 'The code has expired' },
  AUTH_OTP_COOLDOWN: { status: 429, title: 'A code was sent moments ago; wait before asking again' },
  AUTH_OTP_LIMIT: { status: 429, title: 'Too many codes were requested; try again later' },
  AUTH_VERIFICATION_INVALID: { status: 400, title: 'The verification token is not valid' },
  // Auth: accounts and credentials.
  AUTH_PHONE_TAKEN: { status: 409, title: 'An account already uses this phone number' },
  AUTH_EMAIL_TAKEN: { status: 409, title: 'An account already uses this email address' },
  AUTH_WEAK_PASSWORD: { status: 400, title: 'The password is too weak' },
  AUTH_INVALID_CREDENTIALS: { status: 401, title: 'The credentials are not valid' },
  // 423 and not 429: the account is locked whatever the address or pace of the next attempt.
  AUTH_LOCKED: { status: 423, title: 'The account is locked after too many failed sign-ins' },
  AUTH_ACCOUNT_SUSPENDED: { status: 403, title: 'The account is suspended' },
  // Auth: refresh tokens.
  AUTH_TOKEN_REUSED: { status: 401, title: 'The refresh token was already used; the session is revoked' },
  AUTH_REFRESH_INVALID: { status: 401, title: 'The refresh token is not valid' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOG, value);
}

/** One field-level problem, as listed in `errors` of a problem details document. */
export interface FieldError {
  field: string;
  message: string;
}

/** How a domain error crosses NATS: the reply's `err`. */
export interface WireError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  errors?: FieldError[];
}
