/**
 * Request-reply subjects of the transport service. Caller-facing handlers act on the verified caller the
 * gateway passes in the headers; `rides.sweep` is for the platform only (no role: the gateway never routes
 * to it).
 */
export const TRANSPORT_SUBJECTS = {
  estimate: 'transport.fares.estimate',
  nearbyDrivers: 'transport.drivers.nearby',
  requestRide: 'transport.rides.request',
  listRides: 'transport.rides.list',
  getRide: 'transport.rides.get',
  cancelRide: 'transport.rides.cancel',
  rate: 'transport.ratings.create',
  registerDriver: 'transport.drivers.register',
  pendingRides: 'transport.drivers.pending-rides',
  setDriverStatus: 'transport.drivers.status',
  updateLocation: 'transport.drivers.location',
  earnings: 'transport.drivers.earnings',
  acceptRide: 'transport.rides.accept',
  arrive: 'transport.rides.arrive',
  startRide: 'transport.rides.start',
  completeRide: 'transport.rides.complete',
  listDrivers: 'transport.admin.drivers.list',
  approveDriver: 'transport.admin.drivers.approve',
  suspendDriver: 'transport.admin.drivers.suspend',
  listFares: 'transport.admin.fares.list',
  setFare: 'transport.admin.fares.set',
  /** Expires unaccepted requests and retries unsettled payments now (also runs on a timer). */
  sweep: 'transport.rides.sweep',
} as const;
