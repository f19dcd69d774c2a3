import { ServiceConfig } from '@ecom/platform';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** Settings of the marketplace service; every one is an environment variable of the same name. */
export class MarketplaceConfig extends ServiceConfig {
  /** The platform's commission on an order's subtotal, in basis points (500 = 5 %). */
  @IsInt()
  @Min(0)
  @Max(5000)
  COMMISSION_RATE_BPS: number = 500;

  /** An order paid through a provider (mobile money, card) and still unpaid after this is cancelled. */
  @IsInt()
  @Min(30)
  UNPAID_ORDER_TIMEOUT_SECONDS: number = 900;

  /** How often unpaid orders, refunds and cash collections still to report are looked at. */
  @IsInt()
  @Min(100)
  PAYMENT_FOLLOW_UP_MS: number = 10000;

  /** Checkout attempts one user may make in a minute (seed 000: protects sellers from spam). */
  @IsInt()
  @Min(1)
  ORDER_ATTEMPTS_PER_MINUTE: number = 10;

  /** Lines and units one checkout may hold. */
  @IsInt()
  @Min(1)
  ORDER_MAX_LINES: number = 50;

  @IsInt()
  @Min(1)
  ORDER_MAX_UNITS: number = 500;

  /** Where store owners open an order (the link in the seller's WhatsApp). */
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  STORE_ORDERS_URL: string = 'http://localhost:3000/store/orders';
}
