import { Controller, Get, Param, ParseUUIDPipe, Query, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  MARKETPLACE_SUBJECTS,
  type CategoryView,
  type ProductPage,
  type ProductView,
  type StorePage,
  type StoreView,
} from '@ecom/contracts';
import { Public, ServiceClient } from '@ecom/platform';

import { ApiProblems } from '../edge';
import { CatalogueCacheInterceptor } from './catalogue-cache.interceptor';
import {
  CategoryListDto,
  ProductDto,
  ProductPageDto,
  ProductsQueryDto,
  StoreDto,
  StorePageDto,
  StoresQueryDto,
} from './dto/catalogue.dto';

/** The public catalogue: anyone reads it; answers carry an ETag, and a matching If-None-Match gets 304. */
@ApiTags('marketplace')
@Public()
@UseInterceptors(CatalogueCacheInterceptor)
@ApiHeader({
  name: 'If-None-Match',
  required: false,
  description: 'An ETag received before: 304 if unchanged',
})
@ApiResponse({ status: 304, description: 'Not modified: the ETag sent is still current' })
@Controller()
export class CatalogueController {
  constructor(private readonly marketplace: ServiceClient) {}

  @Get('categories')
  @ApiOperation({ summary: 'Every product category, with its slug and icon' })
  @ApiOkResponse({ type: CategoryListDto })
  @ApiProblems(429, 503, 504)
  categories(): Promise<{ items: CategoryView[] }> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.listCategories, {});
  }

  @Get('stores')
  @ApiOperation({
    summary: 'Active stores',
    description: 'With `lat`/`lng`, each store has `distance_m` and `sort=distance` lists the nearest first.',
  })
  @ApiOkResponse({ type: StorePageDto })
  @ApiProblems(400, 429, 503, 504)
  stores(@Query() query: StoresQueryDto): Promise<StorePage> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.listStores, query);
  }

  @Get('stores/:id')
  @ApiOperation({ summary: 'One store, with its hours and whether it is open now (Africa/Lome)' })
  @ApiOkResponse({ type: StoreDto })
  @ApiProblems(400, 404, 429, 503, 504)
  store(@Param('id', new ParseUUIDPipe()) id: string): Promise<StoreView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.getStore, { id });
  }

  @Get('stores/:id/products')
  @ApiOperation({ summary: 'A store’s products; the same filters and sorts as /products' })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiProblems(400, 429, 503, 504)
  storeProducts(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: ProductsQueryDto,
  ): Promise<ProductPage> {
    return this.marketplace.request(
      MARKETPLACE_SUBJECTS.searchProducts,
      Object.assign({}, query, { store_id: id }),
    );
  }

  @Get('products')
  @ApiOperation({
    summary: 'Search products',
    description:
      'French full text over name, description and specification values, accents ignored ("fut chene" finds ' +
      '"Fût de chêne"), similar names when nothing matches; filters combine; pages never repeat or skip.',
  })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiProblems(400, 429, 503, 504)
  products(@Query() query: ProductsQueryDto): Promise<ProductPage> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.searchProducts, query);
  }

  @Get('products/:id')
  @ApiOperation({ summary: 'One product, with its store and specifications' })
  @ApiOkResponse({ type: ProductDto })
  @ApiProblems(400, 404, 429, 503, 504)
  product(@Param('id', new ParseUUIDPipe()) id: string): Promise<ProductView> {
    return this.marketplace.request(MARKETPLACE_SUBJECTS.getProduct, { id });
  }
}
