import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { pingSubject, type PingReply, type ServiceName } from '@ecom/contracts';
import { DataSource } from 'typeorm';

import type { ServiceConfig } from '../config/config';
import { schemaVersion } from '../db/database';
import { MessagingLifecycle } from './messaging.lifecycle';
import { APP_CONFIG } from './tokens';

/** The `<app>.system.ping` handler every service answers: name, version, readiness and schema version. */
export function createSystemController(service: ServiceName): Type<unknown> {
  @Controller()
  class SystemController {
    constructor(
      @Inject(APP_CONFIG) private readonly config: ServiceConfig,
      private readonly lifecycle: MessagingLifecycle,
      private readonly dataSource: DataSource,
    ) {}

    @MessagePattern(pingSubject(service))
    async ping(): Promise<PingReply> {
      // One indexed read of the service's own schema: proves the database answers for this service.
      const version = await schemaVersion(this.dataSource);

      return {
        service,
        version: this.config.SERVICE_VERSION,
        ready: this.lifecycle.ready,
        schema_version: version,
      };
    }
  }

  return SystemController;
}
