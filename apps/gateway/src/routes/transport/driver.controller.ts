import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  TRANSPORT_SUBJECTS,
  type DriverEarnings,
  type DriverLocationView,
  type DriverView,
  type PendingRides,
  type RideView,
} from '@ecom/contracts';
import { Roles, ServiceClient } from '@ecom/platform';

import { ApiProblems, Idempotent } from '../edge';
import {
  DriverDto,
  DriverEarningsDto,
  DriverLocationReplyDto,
  PendingRidesDto,
  RideDto,
} from './dto/transport-replies.dto';
import {
  AcceptRideDto,
  DriverLocationDto,
  DriverRegistrationDto,
  DriverStatusDto,
  EarningsQueryDto,
  RideStepDto,
} from './dto/transport-requests.dto';

/** The driver's side of rides. Every route but registration needs the `driver` role. */
@ApiTags('driver')
@ApiBearerAuth()
@Controller('driver')
export class DriverController {
  constructor(private readonly transport: ServiceClient) {}

  @Post('register')
  @ApiOperation({
    summary: 'Apply as a driver: licence, vehicle and documents',
    description: 'The profile waits in `pending_approval` until an admin approves it.',
  })
  @ApiCreatedResponse({ type: DriverDto })
  @ApiProblems(400, 401, 409, 429, 503, 504)
  register(@Body() body: DriverRegistrationDto): Promise<DriverView> {
    return this.transport.request(TRANSPORT_SUBJECTS.registerDriver, body);
  }

  @Roles('driver')
  @Get('pending-rides')
  @ApiOperation({ summary: 'Requested rides around the driver’s last position, nearest pickup first' })
  @ApiOkResponse({ type: PendingRidesDto })
  @ApiProblems(401, 403, 404, 429, 503, 504)
  pending(): Promise<PendingRides> {
    return this.transport.request(TRANSPORT_SUBJECTS.pendingRides, {});
  }

  @Roles('driver')
  @Post('accept-ride')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take a requested ride: the first driver wins',
    description: 'Others get RIDE_ALREADY_TAKEN; a driver already on a ride gets DRIVER_BUSY.',
  })
  @ApiOkResponse({ type: RideDto })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503, 504)
  accept(@Body() body: AcceptRideDto): Promise<RideView> {
    return this.transport.request(TRANSPORT_SUBJECTS.acceptRide, body);
  }

  @Roles('driver')
  @Put('status')
  @ApiOperation({ summary: 'Go online (optionally with the current position) or offline' })
  @ApiOkResponse({ type: DriverDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  setStatus(@Body() body: DriverStatusDto): Promise<DriverView> {
    return this.transport.request(TRANSPORT_SUBJECTS.setDriverStatus, body);
  }

  @Roles('driver')
  @Put('location')
  @ApiOperation({
    summary: 'Report the driver’s position',
    description:
      'At most one every 2 s (DRIVER_LOCATION_TOO_FREQUENT beyond); during a ride the rider sees it live.',
  })
  @ApiOkResponse({ type: DriverLocationReplyDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  location(@Body() body: DriverLocationDto): Promise<DriverLocationView> {
    return this.transport.request(TRANSPORT_SUBJECTS.updateLocation, body);
  }

  @Roles('driver')
  @Post('rides/:id/arrive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tell the rider the driver is at the pickup (optional step)' })
  @ApiOkResponse({ type: RideDto })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503, 504)
  arrive(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RideStepDto): Promise<RideView> {
    return this.transport.request(TRANSPORT_SUBJECTS.arrive, { ride_id: id, position: body.position });
  }

  @Roles('driver')
  @Post('rides/:id/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'The rider is on board: the trip starts' })
  @ApiOkResponse({ type: RideDto })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503, 504)
  start(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RideStepDto): Promise<RideView> {
    return this.transport.request(TRANSPORT_SUBJECTS.startRide, { ride_id: id, position: body.position });
  }

  @Roles('driver')
  @Idempotent()
  @Post('rides/:id/complete')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End the trip and charge it',
    description:
      'A wallet ride is charged from its hold, a cash ride records the cash; the driver is credited the fare ' +
      'less commission (or owes the commission on cash). If the payment service is away the ride is completed ' +
      'with payment_status `pending`, settled later.',
  })
  @ApiOkResponse({ type: RideDto })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503, 504)
  complete(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: RideStepDto): Promise<RideView> {
    return this.transport.request(TRANSPORT_SUBJECTS.completeRide, { ride_id: id, position: body.position });
  }

  @Roles('driver')
  @Get('earnings')
  @ApiOperation({ summary: 'Earnings over a period from the ledger, with a line per ride' })
  @ApiOkResponse({ type: DriverEarningsDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  earnings(@Query() query: EarningsQueryDto): Promise<DriverEarnings> {
    return this.transport.request(TRANSPORT_SUBJECTS.earnings, query);
  }
}
