import { Injectable } from '@nestjs/common';
import { TRANSPORT_EVENTS, type EventEnvelope, type RideEvent } from '@ecom/contracts';
import { OnEvent } from '@ecom/platform';
import type { EntityManager } from 'typeorm';

import { Dispatcher, originOf } from '../delivery/dispatcher.service';
import { rideUpdate } from '../templates/message-templates';

/** Each step of a ride is pushed to the rider and, once there is one, to the driver. */
@Injectable()
export class RideConsumer {
  constructor(private readonly dispatcher: Dispatcher) {}

  @OnEvent(TRANSPORT_EVENTS.rideRequested)
  onRequested(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.notify(event, manager);
  }

  @OnEvent(TRANSPORT_EVENTS.rideAccepted)
  onAccepted(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.notify(event, manager);
  }

  @OnEvent(TRANSPORT_EVENTS.driverArrived)
  onDriverArrived(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.notify(event, manager);
  }

  @OnEvent(TRANSPORT_EVENTS.rideStarted)
  onStarted(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.notify(event, manager);
  }

  @OnEvent(TRANSPORT_EVENTS.rideCompleted)
  onCompleted(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.notify(event, manager);
  }

  @OnEvent(TRANSPORT_EVENTS.rideCancelled)
  onCancelled(event: EventEnvelope, manager: EntityManager): Promise<void> {
    return this.notify(event, manager);
  }

  private async notify(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const ride = event.data as unknown as RideEvent;
    const data = { ride_id: ride.ride_id, status: ride.status };
    await this.dispatcher.toUser(
      manager,
      originOf(event, `ride.${ride.status}.rider`, 'transactional'),
      ride.customer_id,
      ['push'],
      (locale) => ({ ...rideUpdate(ride.status, ride.fare, 'rider', locale), data }),
    );
    if (ride.driver_user_id) {
      await this.dispatcher.toUser(
        manager,
        originOf(event, `ride.${ride.status}.driver`, 'transactional'),
        ride.driver_user_id,
        ['push'],
        (locale) => ({ ...rideUpdate(ride.status, ride.fare, 'driver', locale), data }),
      );
    }
  }
}
