import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { isServiceName, SERVICE_NAMES } from '@ecom/contracts';
import { NotFoundError, Public } from '@ecom/platform';

import { ApiProblems } from '../http/api-problems.decorator';
import { PlatformStatusDto, ServiceStatusDto } from './status.dto';
import { StatusService } from './status.service';

@ApiTags('operations')
@Public()
@Controller('status')
export class StatusController {
  constructor(private readonly status: StatusService) {}

  @Get()
  @ApiOperation({ summary: 'Name, version and readiness of every app, asked over NATS' })
  @ApiOkResponse({ type: PlatformStatusDto })
  @ApiProblems(429)
  platform(): Promise<PlatformStatusDto> {
    return this.status.platform();
  }

  @Get(':service')
  @ApiOperation({ summary: 'One service: a round trip through NATS to the service and a read of its schema' })
  @ApiParam({ name: 'service', enum: SERVICE_NAMES })
  @ApiOkResponse({ type: ServiceStatusDto })
  @ApiProblems(404, 429, 503, 504)
  async service(@Param('service') service: string): Promise<ServiceStatusDto> {
    if (!isServiceName(service)) throw new NotFoundError(`Service ${service}`);
    const reply = await this.status.ping(service);

    return {
      name: service,
      version: reply.version,
      ready: reply.ready,
      schema_version: reply.schema_version,
    };
  }
}
