import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  TRANSPORT_SUBJECTS,
  type FareEstimate,
  type NearbyDrivers,
  type RatingView,
  type RidePage,
  type RideView,
} from '@ecom/contracts';
import { Roles, ServiceClient } from '@ecom/platform';

import { ApiProblems, Idempotent, Sensitive } from '../edge';
import {
  FareEstimateDto,
  NearbyDriversDto,
  RatingDto,
  RideDto,
  RidePageDto,
} from './dto/transport-replies.dto';
import {
  EstimateDto,
  NearbyDriversQueryDto,
  RateRideDto,
  RequestRideDto,
  RidePageQueryDto,
  UpdateRideDto,
} from './dto/transport-requests.dto';

/** Fares, ride requests and the caller's rides: transport acts on the verified caller, never on an id sent. */
@ApiTags('transport')
@ApiBearerAuth()
@Controller('transport')
export class TransportController {
  constructor(private readonly transport: ServiceClient) {}

  @Post('estimate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Distance, duration and fare of a trip',
    description:
      'The fare quoted at request is the one charged unless the trip driven differs by more than a margin.',
  })
  @ApiOkResponse({ type: FareEstimateDto })
  @ApiProblems(400, 401, 429, 503, 504)
  estimate(@Body() body: EstimateDto): Promise<FareEstimate> {
    return this.transport.request(TRANSPORT_SUBJECTS.estimate, body);
  }

  @Get('nearby-drivers')
  @ApiOperation({ summary: 'Available drivers near a point for the map, nearest first (no identities)' })
  @ApiOkResponse({ type: NearbyDriversDto })
  @ApiProblems(400, 401, 429, 503, 504)
  nearby(@Query() query: NearbyDriversQueryDto): Promise<NearbyDrivers> {
    return this.transport.request(TRANSPORT_SUBJECTS.nearbyDrivers, query);
  }

  @Roles('client')
  @Sensitive()
  @Idempotent()
  @Post('request-ride')
  @ApiOperation({
    summary: 'Request a ride',
    description:
      'Quotes the trip; a wallet ride holds the quoted fare at once (released if nobody accepts in time or the ' +
      'rider cancels). Drivers nearby see it in their pending rides. One open ride per customer.',
  })
  @ApiCreatedResponse({ type: RideDto })
  @ApiProblems(400, 401, 402, 403, 409, 422, 423, 429, 503, 504)
  request(@Body() body: RequestRideDto): Promise<RideView> {
    return this.transport.request(TRANSPORT_SUBJECTS.requestRide, body);
  }

  @Get('rides')
  @ApiOperation({ summary: 'The caller’s rides, as customer or as driver, newest first' })
  @ApiOkResponse({ type: RidePageDto })
  @ApiProblems(400, 401, 429, 503, 504)
  list(@Query() query: RidePageQueryDto): Promise<RidePage> {
    return this.transport.request(TRANSPORT_SUBJECTS.listRides, query);
  }

  @Get('rides/:id')
  @ApiOperation({ summary: 'One of the caller’s rides, with its timeline' })
  @ApiOkResponse({ type: RideDto })
  @ApiProblems(400, 401, 404, 429, 503, 504)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<RideView> {
    return this.transport.request(TRANSPORT_SUBJECTS.getRide, { ride_id: id });
  }

  @Put('rides/:id')
  @ApiOperation({
    summary: 'Cancel a ride',
    description:
      'The customer until the trip starts (a fee once the driver has been on the way a while), the driver ' +
      'before it starts. The wallet hold is released, or the fee taken from it.',
  })
  @ApiOkResponse({ type: RideDto })
  @ApiProblems(400, 401, 404, 409, 429, 503, 504)
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateRideDto): Promise<RideView> {
    return this.transport.request(TRANSPORT_SUBJECTS.cancelRide, { ride_id: id, reason: body.reason });
  }

  @Post('rating')
  @ApiOperation({ summary: 'Rate the other side of a completed ride, once' })
  @ApiCreatedResponse({ type: RatingDto })
  @ApiProblems(400, 401, 404, 409, 429, 503, 504)
  rate(@Body() body: RateRideDto): Promise<RatingView> {
    return this.transport.request(TRANSPORT_SUBJECTS.rate, body);
  }
}
