import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { AUTH_EVENTS, UserRegisteredEvent, type EventEnvelope } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { TransportConfig } from '../config';
import { DriversRepository } from '../drivers/drivers.repository';

/** auth's demo driver (apps/auth/src/demo): a moto, approved, online at the Grand Marché of Lomé. */
export const DEMO_DRIVER = {
  phone: '+22890000004',
  licenseNumber: 'TG-DEMO-0004',
  vehicleType: 'moto',
  vehiclePlate: 'TG 4004 AA',
  position: { lat: 6.1319, lng: 1.2228 },
} as const;

/**
 * With LOAD_DEMO_DATA (never in production), the demo driver gets a driver profile the moment auth
 * announces the account: ready to go online and take rides without an admin's approval.
 */
@Injectable()
export class DemoDriverConsumer {
  constructor(
    private readonly config: TransportConfig,
    private readonly drivers: DriversRepository,
  ) {}

  @OnEvent(AUTH_EVENTS.userRegistered, { payload: UserRegisteredEvent, consumer: 'demo-driver' })
  async onRegistered(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const user = event.data as unknown as UserRegisteredEvent;
    if (!this.config.LOAD_DEMO_DATA || this.config.isProduction || user.phone !== DEMO_DRIVER.phone) return;
    const driver = await this.drivers.insert(manager, {
      id: randomUUID(),
      userId: user.user_id,
      status: 'approved',
      licenseNumber: DEMO_DRIVER.licenseNumber,
      vehicleType: DEMO_DRIVER.vehicleType,
      vehiclePlate: DEMO_DRIVER.vehiclePlate,
      documents: [],
    });
    if (driver) await this.drivers.setOnline(manager, user.user_id, true, DEMO_DRIVER.position);
  }
}
