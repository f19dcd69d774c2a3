import { Injectable } from '@nestjs/common';
import { pingSubject, SERVICE_NAMES, type PingReply, type ServiceName } from '@ecom/contracts';
import { DomainError, ServiceClient } from '@ecom/platform';

import { GatewayConfig } from '../config';
import type { PlatformStatusDto, ServiceStatusDto } from './status.dto';

/** A status check must answer fast even when a service hangs. */
const PING_TIMEOUT_MS = 1500;

/** Asks every service over NATS who it is and whether it is ready. */
@Injectable()
export class StatusService {
  constructor(
    private readonly client: ServiceClient,
    private readonly config: GatewayConfig,
  ) {}

  async platform(): Promise<PlatformStatusDto> {
    const services = await Promise.all(SERVICE_NAMES.map((service) => this.service(service)));
    const gateway: ServiceStatusDto = {
      name: 'gateway',
      version: this.config.SERVICE_VERSION,
      ready: true,
      schema_version: null,
    };

    return { ready: services.every((status) => status.ready), apps: [gateway, ...services] };
  }

  async service(service: ServiceName): Promise<ServiceStatusDto> {
    try {
      const reply = await this.ping(service);

      return {
        name: service,
        version: reply.version,
        ready: reply.ready,
        schema_version: reply.schema_version,
      };
    } catch (error) {
      const code = error instanceof DomainError ? error.code : 'INTERNAL';

      return { name: service, version: null, ready: false, schema_version: null, error: code };
    }
  }

  ping(service: ServiceName): Promise<PingReply> {
    return this.client.request<PingReply>(pingSubject(service), {}, { timeoutMs: PING_TIMEOUT_MS });
  }
}
