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
  // Wallet. 422: the request is well formed but the ledger refuses it.
  WALLET_NOT_FOUND: { status: 404, title: 'The wallet does not exist' },
  WALLET_INSUFFICIENT_FUNDS: { status: 422, title: 'The wallet balance is too low' },
  WALLET_LIMIT_EXCEEDED: { status: 422, title: 'The amount is over a limit of this wallet' },
  WALLET_FROZEN: { status: 423, title: 'The wallet is frozen: it can receive but not pay' },
  WALLET_CLOSED: { status: 409, title: 'The wallet is closed' },
  WALLET_CURRENCY_UNSUPPORTED: { status: 400, title: 'The currency is not supported' },
  WALLET_RECIPIENT_NOT_FOUND: { status: 404, title: 'No account uses this phone number' },
  WALLET_SELF_TRANSFER: { status: 400, title: 'A transfer needs another receiver than the sender' },
  WALLET_HOLD_NOT_FOUND: { status: 404, title: 'The hold does not exist' },
  WALLET_HOLD_NOT_ACTIVE: { status: 409, title: 'The hold was already captured or released' },
  WALLET_CAPTURE_EXCEEDS_HOLD: { status: 422, title: 'The capture is more than the hold' },
  WALLET_TRANSACTION_NOT_FOUND: { status: 404, title: 'The transaction does not exist' },
  WALLET_REFUND_EXCEEDS_ORIGINAL: { status: 422, title: 'The refund is more than what is left to refund' },
  WALLET_METHOD_NOT_FOUND: { status: 404, title: 'The saved payment method does not exist' },
  // Payment.
  PAYMENT_NOT_FOUND: { status: 404, title: 'The payment does not exist' },
  PAYMENT_INVALID_TRANSITION: { status: 409, title: 'The payment cannot change to this state' },
  PAYMENT_METHOD_UNSUPPORTED: { status: 400, title: 'This payment method cannot pay for this' },
  PAYMENT_PROVIDER_UNKNOWN: { status: 404, title: 'No such payment provider' },
  PAYMENT_SIGNATURE_INVALID: { status: 401, title: 'The webhook signature or timestamp is not valid' },
  PAYMENT_PROVIDER_UNAVAILABLE: { status: 502, title: 'The payment provider did not answer' },
  PAYMENT_DECLINED: { status: 402, title: 'The payment was declined' },
  PAYMENT_NOT_REFUNDABLE: { status: 409, title: 'The payment cannot be refunded' },
  PAYMENT_REFUND_EXCEEDS_CAPTURED: { status: 422, title: 'The refund is more than what is left to refund' },
  // Marketplace.
  CATEGORY_NOT_FOUND: { status: 404, title: 'The category does not exist' },
  CATEGORY_SLUG_TAKEN: { status: 409, title: 'A category already uses this slug' },
  STORE_NOT_FOUND: { status: 404, title: 'The store does not exist' },
  STORE_ALREADY_EXISTS: { status: 409, title: 'This store owner already has a store' },
  STORE_INACTIVE: { status: 409, title: 'The store is not active' },
  PRODUCT_NOT_FOUND: { status: 404, title: 'The product does not exist' },
  PRODUCT_UNAVAILABLE: { status: 409, title: 'The product is not for sale' },
  CART_EMPTY: { status: 422, title: 'The cart is empty' },
  ADDRESS_NOT_FOUND: { status: 404, title: 'The delivery address does not exist' },
  ORDER_NOT_FOUND: { status: 404, title: 'The order does not exist' },
  ORDER_OUT_OF_STOCK: { status: 409, title: 'A product does not have enough stock' },
  ORDER_BELOW_MINIMUM: { status: 422, title: 'The order is below the store minimum' },
  ORDER_TOO_MANY_ITEMS: { status: 400, title: 'The order has too many lines or units' },
  ORDER_INVALID_TRANSITION: { status: 409, title: 'The order cannot change to this state' },
  ORDER_NOT_CANCELLABLE: { status: 409, title: 'The order can no longer be cancelled' },
  // Transport.
  COORDINATES_INVALID: { status: 400, title: 'The coordinates are out of range' },
  RIDE_SAME_PICKUP_DESTINATION: { status: 400, title: 'The pickup and the destination are the same place' },
  RIDE_SERVICE_TYPE_UNKNOWN: { status: 400, title: 'The service type is not offered' },
  RIDE_NOT_FOUND: { status: 404, title: 'The ride does not exist' },
  RIDE_ALREADY_TAKEN: { status: 409, title: 'Another driver already took this ride' },
  RIDE_INVALID_TRANSITION: { status: 409, title: 'The ride cannot change to this state' },
  RIDE_ACTIVE_EXISTS: { status: 409, title: 'There is already an active ride' },
  RIDE_ALREADY_RATED: { status: 409, title: 'This ride was already rated by the caller' },
  DRIVER_NOT_FOUND: { status: 404, title: 'The driver does not exist' },
  DRIVER_ALREADY_REGISTERED: { status: 409, title: 'The user is already registered as a driver' },
  DRIVER_NOT_APPROVED: { status: 403, title: 'The driver is not approved' },
  DRIVER_BUSY: { status: 409, title: 'The driver already has an active ride' },
  DRIVER_LOCATION_TOO_FREQUENT: { status: 429, title: 'Location updates are too frequent' },
  // Notification.
  NOTIFICATION_NOT_FOUND: { status: 404, title: 'The notification does not exist' },
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
