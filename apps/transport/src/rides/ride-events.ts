import type { RideEvent } from '@ecom/contracts';

import type { RideRow } from './rides.repository';

/** The `transport.ride.*` payload of a ride in its current state. */
export function rideEvent(row: RideRow, driverUserId: string | null): RideEvent {
  return {
    ride_id: row.id,
    status: row.status,
    service_type: row.service_type,
    customer_id: row.customer_id,
    driver_user_id: driverUserId,
    driver_id: row.driver_id,
    pickup: { lat: row.pickup_lat ?? 0, lng: row.pickup_lng ?? 0, address: row.pickup_address },
    destination: {
      lat: row.destination_lat ?? 0,
      lng: row.destination_lng ?? 0,
      address: row.destination_address,
    },
    fare: row.final_fare ?? row.quoted_fare,
    currency: row.currency,
    payment_method: row.payment_method,
    reason: row.cancel_reason,
  };
}
