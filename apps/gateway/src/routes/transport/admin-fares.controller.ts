import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { SERVICE_TYPES, TRANSPORT_SUBJECTS, type FareRatesView, type FareTable } from '@ecom/contracts';
import { Roles, ServiceClient } from '@ecom/platform';

import { ApiProblems } from '../edge';
import { FareRatesDto, FareTableDto } from './dto/transport-replies.dto';
import { SetFareDto } from './dto/transport-requests.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/fares')
export class AdminFaresController {
  constructor(private readonly transport: ServiceClient) {}

  @Get()
  @ApiOperation({ summary: 'The prices of each service type, configured or set by an admin' })
  @ApiOkResponse({ type: FareTableDto })
  @ApiProblems(401, 403, 429, 503, 504)
  table(): Promise<FareTable> {
    return this.transport.request(TRANSPORT_SUBJECTS.listFares, {});
  }

  @Put(':service_type')
  @ApiOperation({
    summary: 'Set the prices of a service type',
    description: 'New quotes use them at once; rides already requested keep their quote.',
  })
  @ApiParam({ name: 'service_type', enum: SERVICE_TYPES })
  @ApiOkResponse({ type: FareRatesDto })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  set(@Param('service_type') serviceType: string, @Body() body: SetFareDto): Promise<FareRatesView> {
    return this.transport.request(TRANSPORT_SUBJECTS.setFare, {
      service_type: serviceType,
      base: body.base,
      per_km: body.per_km,
      per_minute: body.per_minute,
      minimum: body.minimum,
    });
  }
}
