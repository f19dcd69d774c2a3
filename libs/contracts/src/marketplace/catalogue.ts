import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { GeoPoint } from '../geo';
import { MAX_AMOUNT, type Currency } from '../money';
import { NestedInstance } from '../nested';
import { PageRequest, type Page } from '../paging';

/** A query-string number (or a number already) as a number; anything else is left for the validator. */
const QueryNumber = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() !== '' ? Number(value) : value,
  );

/** `true`/`false` from a query string. */
const QueryBoolean = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

export class MarketplaceIdRequest {
  @IsUUID()
  id!: string;
}

// Categories.

export class CreateCategoryRequest {
  @IsString()
  @Length(1, 100)
  name!: string;

  /** URL-safe name: lower-case letters, digits and dashes (`epicerie`, `futs-de-vin`). */
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  @Length(1, 100)
  slug!: string;

  /** An emoji or an icon URL. */
  @IsString()
  @Length(1, 300)
  icon!: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;
}

export class UpdateCategoryRequest extends MarketplaceIdRequest {
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @IsOptional()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  @Length(1, 100)
  slug?: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  icon?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  position?: number;
}

export interface CategoryView {
  id: string;
  name: string;
  slug: string;
  icon: string;
  position: number;
}

// Stores.

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/** One opening span of a day, local time in Africa/Lome (`close` after `open`; `24:00` closes at midnight). */
export class OpeningSpan {
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/)
  open!: string;

  @Matches(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/)
  close!: string;
}

/** A day's opening spans: optional, at most four, each one validated. */
function DaySpans(): PropertyDecorator {
  const decorators = [
    IsOptional(),
    ArrayMaxSize(4),
    ValidateNested({ each: true }),
    NestedInstance(OpeningSpan),
  ];

  return (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };
}

/** Opening spans per weekday; a day absent or empty is closed. */
export class BusinessHours {
  @DaySpans()
  monday?: OpeningSpan[];

  @DaySpans()
  tuesday?: OpeningSpan[];

  @DaySpans()
  wednesday?: OpeningSpan[];

  @DaySpans()
  thursday?: OpeningSpan[];

  @DaySpans()
  friday?: OpeningSpan[];

  @DaySpans()
  saturday?: OpeningSpan[];

  @DaySpans()
  sunday?: OpeningSpan[];
}

export class UpdateStoreRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  /** The category slug the store sells most in. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  category?: string;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  address?: string;

  @IsOptional()
  @ValidateNested()
  @NestedInstance(GeoPoint)
  location?: GeoPoint;

  /** E.164: the seller's WhatsApp gets each new order. */
  @IsOptional()
  @Matches(/^\+\d{8,15}$/)
  phone?: string;

  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(500)
  logo_url?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  delivery_fee?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  min_order_amount?: number;

  /** Minutes. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10080)
  delivery_time_min?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10080)
  delivery_time_max?: number;

  @IsOptional()
  @ValidateNested()
  @NestedInstance(BusinessHours)
  business_hours?: BusinessHours;
}

export class CreateStoreRequest extends UpdateStoreRequest {
  @IsString()
  @Length(1, 200)
  declare name: string;

  @IsString()
  @Length(1, 300)
  declare address: string;

  @ValidateNested()
  @NestedInstance(GeoPoint)
  declare location: GeoPoint;

  @Matches(/^\+\d{8,15}$/)
  declare phone: string;
}

export class SetStoreActiveRequest extends MarketplaceIdRequest {
  @IsBoolean()
  is_active!: boolean;
}

export const STORE_SORTS = ['rating', 'newest', 'distance', 'name'] as const;

export type StoreSort = (typeof STORE_SORTS)[number];

export class ListStoresRequest extends PageRequest {
  /** Words of the name or description, accents ignored. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  /** A category slug. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;

  /** The caller's position, for `distance` in each store and the distance sort. */
  @IsOptional()
  @QueryNumber()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat?: number;

  @IsOptional()
  @QueryNumber()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng?: number;

  /** `distance` needs `lat` and `lng`; `rating` by default. */
  @IsOptional()
  @IsIn(STORE_SORTS)
  sort?: StoreSort;
}

export interface StoreView {
  id: string;
  owner_id: string;
  name: string;
  description: string | null;
  category: string | null;
  address: string;
  location: { lat: number; lng: number };
  phone: string;
  logo_url: string | null;
  delivery_fee: number;
  min_order_amount: number;
  delivery_time_min: number;
  delivery_time_max: number;
  currency: Currency;
  rating: number;
  total_orders: number;
  business_hours: Partial<Record<Weekday, { open: string; close: string }[]>>;
  is_open_now: boolean;
  is_active: boolean;
  /** Metres from the caller's position, when given. */
  distance_m: number | null;
  created_at: string;
}

export type StorePage = Page<StoreView>;

// Products.

/** Specification values: text, numbers or yes/no (barrels: origin_country, volume_liters, wood_type …). */
export type Specifications = Record<string, string | number | boolean>;

export class UpdateProductRequest {
  @IsOptional()
  @IsUUID()
  category_id?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  /** Integer XOF: `12.5` is refused. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  price?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  stock_quantity?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  low_stock_threshold?: number;

  @IsOptional()
  @IsBoolean()
  is_active?: boolean;

  @IsOptional()
  @ArrayMaxSize(10)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }, { each: true })
  images?: string[];

  @IsOptional()
  @IsObject()
  specifications?: Specifications;
}

export class CreateProductRequest extends UpdateProductRequest {
  @IsUUID()
  declare category_id: string;

  @IsString()
  @Length(1, 200)
  declare name: string;

  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  declare price: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  declare stock_quantity: number;
}

export class UpdateOwnProductRequest extends UpdateProductRequest {
  @IsUUID()
  id!: string;
}

/** Either the new stock or a change to it (`delta: -3` after a sale outside the platform). */
export class SetStockRequest extends MarketplaceIdRequest {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  stock_quantity?: number;

  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  delta?: number;
}

export const PRODUCT_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'rating'] as const;

export type ProductSort = (typeof PRODUCT_SORTS)[number];

export class SearchProductsRequest extends PageRequest {
  /** Words of the name, description or specifications, accents ignored (`fut chene`). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  /** A category slug or id. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;

  @IsOptional()
  @IsUUID()
  store_id?: string;

  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  min_price?: number;

  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT)
  max_price?: number;

  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  in_stock?: boolean;

  /**
   * Specification filters `key:value`, repeatable (`spec=wood_type:chene&spec=condition:reconditionne`);
   * values compare without case or accents.
   */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @ArrayMaxSize(10)
  @Matches(/^[a-z0-9_]{1,50}:.{1,100}$/, { each: true })
  spec?: string[];

  /** `relevance` (with `search`; else newest first) by default. */
  @IsOptional()
  @IsIn(PRODUCT_SORTS)
  sort?: ProductSort;
}

export class OwnProductsRequest extends PageRequest {
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  low_stock?: boolean;
}

export interface ProductView {
  id: string;
  store: { id: string; name: string };
  category: { id: string; name: string; slug: string } | null;
  name: string;
  description: string | null;
  price: number;
  currency: Currency;
  stock_quantity: number;
  low_stock_threshold: number;
  in_stock: boolean;
  is_active: boolean;
  images: string[];
  specifications: Specifications;
  rating: number;
  created_at: string;
  updated_at: string;
}

export type ProductPage = Page<ProductView>;
