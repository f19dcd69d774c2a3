import { Inject, Injectable } from '@nestjs/common';
import { rideLiveSubject, type GeoPoint, type RideLiveUpdate, type RideStatus } from '@ecom/contracts';
import { NATS_CONNECTION, Naming } from '@ecom/platform';
import { JSONCodec, type NatsConnection } from 'nats';

const codec = JSONCodec<RideLiveUpdate>();

/**
 * Live updates of a ride for its rider's stream, on core NATS: fire-and-forget is right for positions,
 * which are stale a second later; status changes also travel as events through the outbox.
 */
@Injectable()
export class LiveUpdates {
  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    private readonly naming: Naming,
  ) {}

  status(rideId: string, status: RideStatus, position: GeoPoint | null): void {
    this.send({ ride_id: rideId, kind: 'status', status, position, at: new Date().toISOString() });
  }

  position(rideId: string, status: RideStatus, position: GeoPoint): void {
    this.send({ ride_id: rideId, kind: 'position', status, position, at: new Date().toISOString() });
  }

  private send(update: RideLiveUpdate): void {
    if (this.connection.isClosed()) return;
    this.connection.publish(this.naming.rpc(rideLiveSubject(update.ride_id)), codec.encode(update));
  }
}
