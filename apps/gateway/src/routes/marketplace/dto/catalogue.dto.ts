import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  BusinessHours,
  CreateCategoryRequest,
  CreateProductRequest,
  CreateStoreRequest,
  GeoPoint,
  ListStoresRequest,
  OpeningSpan,
  OwnProductsRequest,
  PRODUCT_SORTS,
  SearchProductsRequest,
  STORE_SORTS,
  UpdateCategoryRequest,
  UpdateProductRequest,
  UpdateStoreRequest,
  type CategoryView,
  type ProductPage,
  type ProductSort,
  type ProductView,
  type Specifications,
  type StorePage,
  type StoreSort,
  type StoreView,
} from '@ecom/contracts';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

class StorePointBody extends GeoPoint {
  @ApiProperty({ example: 6.1319, minimum: -90, maximum: 90 })
  declare lat: number;

  @ApiProperty({ example: 1.2228, minimum: -180, maximum: 180 })
  declare lng: number;
}

class OpeningSpanBody extends OpeningSpan {
  @ApiProperty({ example: '08:00' })
  declare open: string;

  @ApiProperty({
    example: '20:00',
    description: '`24:00` closes at midnight; before `open` runs past midnight',
  })
  declare close: string;
}

const SPANS: ApiPropertyOptions = { type: [OpeningSpanBody] };

class BusinessHoursBody extends BusinessHours {
  @ApiPropertyOptional(SPANS) declare monday?: OpeningSpanBody[];
  @ApiPropertyOptional(SPANS) declare tuesday?: OpeningSpanBody[];
  @ApiPropertyOptional(SPANS) declare wednesday?: OpeningSpanBody[];
  @ApiPropertyOptional(SPANS) declare thursday?: OpeningSpanBody[];
  @ApiPropertyOptional(SPANS) declare friday?: OpeningSpanBody[];
  @ApiPropertyOptional(SPANS) declare saturday?: OpeningSpanBody[];
  @ApiPropertyOptional(SPANS) declare sunday?: OpeningSpanBody[];
}

// Categories.

export class CreateCategoryDto extends CreateCategoryRequest {
  @ApiProperty({ example: 'Fûts et tonneaux' })
  declare name: string;

  @ApiProperty({ example: 'futs-et-tonneaux' })
  declare slug: string;

  @ApiProperty({ example: '🛢️', description: 'An emoji or an icon URL' })
  declare icon: string;

  @ApiPropertyOptional({ example: 10 })
  declare position?: number;
}

export class UpdateCategoryDto extends UpdateCategoryRequest {
  @ApiPropertyOptional({ example: 'Fûts' })
  declare name?: string;

  @ApiPropertyOptional({ example: 'futs' })
  declare slug?: string;

  @ApiPropertyOptional({ example: '🛢️' })
  declare icon?: string;

  @ApiPropertyOptional({ example: 10 })
  declare position?: number;
}

export class CategoryDto implements CategoryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Épicerie' }) name!: string;
  @ApiProperty({ example: 'epicerie' }) slug!: string;
  @ApiProperty({ example: '🥫' }) icon!: string;
  @ApiProperty({ example: 0 }) position!: number;
}

export class CategoryListDto {
  @ApiProperty({ type: [CategoryDto] })
  items!: CategoryDto[];
}

// Stores.

export class UpdateStoreDto extends UpdateStoreRequest {
  @ApiPropertyOptional({ example: 'Boutique Bè' }) declare name?: string;
  @ApiPropertyOptional({ example: 'Épicerie du quartier, livraison en moto' }) declare description?: string;
  @ApiPropertyOptional({ example: 'epicerie', description: 'A category slug' }) declare category?: string;
  @ApiPropertyOptional({ example: 'Rue de Bè 25, Lomé' }) declare address?: string;
  @ApiPropertyOptional({ type: StorePointBody }) declare location?: StorePointBody;
  @ApiPropertyOptional({ example: '+22890112233', description: 'E.164; gets each new order on WhatsApp' })
  declare phone?: string;
  @ApiPropertyOptional({ example: 'https://cdn.ecom.tg/stores/be.png' }) declare logo_url?: string;
  @ApiPropertyOptional({ example: 500, description: 'XOF' }) declare delivery_fee?: number;
  @ApiPropertyOptional({ example: 2000, description: 'XOF' }) declare min_order_amount?: number;
  @ApiPropertyOptional({ example: 30, description: 'Minutes' }) declare delivery_time_min?: number;
  @ApiPropertyOptional({ example: 60, description: 'Minutes' }) declare delivery_time_max?: number;
  @ApiPropertyOptional({ type: BusinessHoursBody, description: 'Local time, Africa/Lome' })
  declare business_hours?: BusinessHoursBody;
}

export class CreateStoreDto extends CreateStoreRequest {
  @ApiProperty({ example: 'Boutique Bè' }) declare name: string;
  @ApiPropertyOptional({ example: 'Épicerie du quartier, livraison en moto' }) declare description?: string;
  @ApiPropertyOptional({ example: 'epicerie' }) declare category?: string;
  @ApiProperty({ example: 'Rue de Bè 25, Lomé' }) declare address: string;
  @ApiProperty({ type: StorePointBody }) declare location: StorePointBody;
  @ApiProperty({ example: '+22890112233' }) declare phone: string;
  @ApiPropertyOptional({ example: 'https://cdn.ecom.tg/stores/be.png' }) declare logo_url?: string;
  @ApiPropertyOptional({ example: 500 }) declare delivery_fee?: number;
  @ApiPropertyOptional({ example: 2000 }) declare min_order_amount?: number;
  @ApiPropertyOptional({ example: 30 }) declare delivery_time_min?: number;
  @ApiPropertyOptional({ example: 60 }) declare delivery_time_max?: number;
  @ApiPropertyOptional({ type: BusinessHoursBody }) declare business_hours?: BusinessHoursBody;
}

export class SetStoreActiveDto {
  @ApiProperty({ example: false })
  @IsBoolean()
  is_active!: boolean;
}

export class StoresQueryDto extends ListStoresRequest {
  @ApiPropertyOptional({ description: 'Words of the name or description' }) declare search?: string;
  @ApiPropertyOptional({ description: 'A category slug' }) declare category?: string;
  @ApiPropertyOptional({ example: 6.1319 }) declare lat?: number;
  @ApiPropertyOptional({ example: 1.2228 }) declare lng?: number;
  @ApiPropertyOptional({ enum: STORE_SORTS, default: 'rating' }) declare sort?: StoreSort;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) declare limit?: number;
  @ApiPropertyOptional({ description: 'The previous page’s `next_cursor`' }) declare cursor?: string;
}

class StoreLocationDto {
  @ApiProperty({ example: 6.1319 }) lat!: number;
  @ApiProperty({ example: 1.2228 }) lng!: number;
}

export class StoreDto implements StoreView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) owner_id!: string;
  @ApiProperty({ example: 'Boutique Bè' }) name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'epicerie' }) category!: string | null;
  @ApiProperty({ example: 'Rue de Bè 25, Lomé' }) address!: string;
  @ApiProperty({ type: StoreLocationDto }) location!: StoreLocationDto;
  @ApiProperty({ example: '+22890112233' }) phone!: string;
  @ApiProperty({ nullable: true, type: String }) logo_url!: string | null;
  @ApiProperty({ example: 500 }) delivery_fee!: number;
  @ApiProperty({ example: 2000 }) min_order_amount!: number;
  @ApiProperty({ example: 30 }) delivery_time_min!: number;
  @ApiProperty({ example: 60 }) delivery_time_max!: number;
  @ApiProperty({ example: 'XOF', enum: ['XOF'] }) currency!: 'XOF';
  @ApiProperty({ example: 4.8 }) rating!: number;
  @ApiProperty({ example: 120 }) total_orders!: number;
  @ApiProperty({ type: BusinessHoursBody, description: 'Opening spans per weekday, Africa/Lome' })
  business_hours!: StoreView['business_hours'];
  @ApiProperty({ example: true }) is_open_now!: boolean;
  @ApiProperty({ example: true }) is_active!: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Metres from the position given' })
  distance_m!: number | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
}

export class StorePageDto implements StorePage {
  @ApiProperty({ type: [StoreDto] }) items!: StoreDto[];
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}

// Products.

export class UpdateProductDto extends UpdateProductRequest {
  @ApiPropertyOptional({ format: 'uuid' }) declare category_id?: string;
  @ApiPropertyOptional({ example: 'Fût de chêne 225 L' }) declare name?: string;
  @ApiPropertyOptional({ example: 'Barrique bordelaise reconditionnée' }) declare description?: string;
  @ApiPropertyOptional({ example: 180000, description: 'Integer XOF' }) declare price?: number;
  @ApiPropertyOptional({ example: 12 }) declare stock_quantity?: number;
  @ApiPropertyOptional({ example: 5 }) declare low_stock_threshold?: number;
  @ApiPropertyOptional({ example: true }) declare is_active?: boolean;
  @ApiPropertyOptional({ type: [String], example: ['https://cdn.ecom.tg/p/fut.jpg'] })
  declare images?: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: {
      origin_country: 'France',
      previous_content: 'Vin rouge',
      volume_liters: 225,
      wood_type: 'Chêne',
      condition: 'Reconditionné',
    },
  })
  declare specifications?: Specifications;
}

export class CreateProductDto extends CreateProductRequest {
  @ApiProperty({ format: 'uuid' }) declare category_id: string;
  @ApiProperty({ example: 'Fût de chêne 225 L' }) declare name: string;
  @ApiPropertyOptional({ example: 'Barrique bordelaise reconditionnée' }) declare description?: string;
  @ApiProperty({ example: 180000, description: 'Integer XOF' }) declare price: number;
  @ApiProperty({ example: 12 }) declare stock_quantity: number;
  @ApiPropertyOptional({ example: 5 }) declare low_stock_threshold?: number;
  @ApiPropertyOptional({ example: true }) declare is_active?: boolean;
  @ApiPropertyOptional({ type: [String] }) declare images?: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { wood_type: 'Chêne', volume_liters: 225 },
  })
  declare specifications?: Specifications;
}

export class SetStockDto {
  @ApiPropertyOptional({ example: 20, description: 'The new stock; or `delta`' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  stock_quantity?: number;

  @ApiPropertyOptional({ example: -2, description: 'A change to the stock, applied atomically' })
  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  delta?: number;
}

export class ProductsQueryDto extends SearchProductsRequest {
  @ApiPropertyOptional({ description: 'Full text, accents ignored', example: 'fut chene' })
  declare search?: string;
  @ApiPropertyOptional({ description: 'A category slug or id' }) declare category?: string;
  @ApiPropertyOptional({ format: 'uuid' }) declare store_id?: string;
  @ApiPropertyOptional({ example: 1000 }) declare min_price?: number;
  @ApiPropertyOptional({ example: 200000 }) declare max_price?: number;
  @ApiPropertyOptional() declare in_stock?: boolean;
  @ApiPropertyOptional({
    type: [String],
    description: 'Specification filters `key:value`, repeatable; no case or accents',
    example: ['wood_type:chene'],
  })
  declare spec?: string[];
  @ApiPropertyOptional({ enum: PRODUCT_SORTS, description: '`relevance` with `search`, else `newest`' })
  declare sort?: ProductSort;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) declare limit?: number;
  @ApiPropertyOptional({ description: 'The previous page’s `next_cursor`' }) declare cursor?: string;
}

export class OwnProductsQueryDto extends OwnProductsRequest {
  @ApiPropertyOptional({ description: 'Only products at or under their low-stock threshold' })
  declare low_stock?: boolean;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) declare limit?: number;
  @ApiPropertyOptional({ description: 'The previous page’s `next_cursor`' }) declare cursor?: string;
}

class ProductStoreDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Boutique Bè' }) name!: string;
}

class ProductCategoryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Épicerie' }) name!: string;
  @ApiProperty({ example: 'epicerie' }) slug!: string;
}

export class ProductDto implements ProductView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: ProductStoreDto }) store!: ProductStoreDto;
  @ApiProperty({ type: ProductCategoryDto, nullable: true }) category!: ProductCategoryDto | null;
  @ApiProperty({ example: 'Fût de chêne 225 L' }) name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ example: 180000 }) price!: number;
  @ApiProperty({ example: 'XOF', enum: ['XOF'] }) currency!: 'XOF';
  @ApiProperty({ example: 12 }) stock_quantity!: number;
  @ApiProperty({ example: 5 }) low_stock_threshold!: number;
  @ApiProperty({ example: true }) in_stock!: boolean;
  @ApiProperty({ example: true }) is_active!: boolean;
  @ApiProperty({ type: [String] }) images!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) specifications!: Specifications;
  @ApiProperty({ example: 4.5 }) rating!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
}

export class ProductPageDto implements ProductPage {
  @ApiProperty({ type: [ProductDto] }) items!: ProductDto[];
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}
