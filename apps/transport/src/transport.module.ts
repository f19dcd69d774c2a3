import { Module } from '@nestjs/common';
import { LOGGER, type Logger } from '@ecom/platform';

import { TransportConfig } from './config';
import { DemoDriverConsumer } from './demo/demo-driver.consumer';
import { DriversController } from './drivers/drivers.controller';
import { DriversRepository } from './drivers/drivers.repository';
import { DriversService } from './drivers/drivers.service';
import { UserSuspendedConsumer } from './drivers/user-suspended.consumer';
import { EarningsService } from './earnings/earnings.service';
import { FareOverridesRepository } from './fares/fare-overrides.repository';
import { FaresController } from './fares/fares.controller';
import { FaresService } from './fares/fares.service';
import { GreatCircleRoutePlanner } from './fares/great-circle-route-planner';
import { OsrmRoutePlanner } from './fares/osrm-route-planner';
import { ROUTE_PLANNER, type RoutePlanner } from './fares/route-planner';
import { LiveUpdates } from './live/live-updates';
import { PrivacyController } from './privacy/privacy.controller';
import { PrivacyService } from './privacy/privacy.service';
import { UserErasedConsumer } from './privacy/user-erased.consumer';
import { RatingsRepository } from './ratings/ratings.repository';
import { RatingsService } from './ratings/ratings.service';
import { DriverRidesController } from './rides/driver-rides.controller';
import { RideLifecycleService } from './rides/ride-lifecycle.service';
import { RideMetrics } from './rides/ride-metrics';
import { RidePayments } from './rides/ride-payments';
import { RideQueriesService } from './rides/ride-queries.service';
import { RideRequestsService } from './rides/ride-requests.service';
import { RideSettlementService } from './rides/ride-settlement.service';
import { RideSweeper } from './rides/ride-sweeper';
import { RidesController } from './rides/rides.controller';
import { RidesRepository } from './rides/rides.repository';
import { SweepController } from './rides/sweep.controller';

/** OSRM when OSRM_URL is set (the estimate standing in when it fails), else the great-circle estimate. */
function routePlanner(config: TransportConfig, logger: Logger): RoutePlanner {
  const estimate = new GreatCircleRoutePlanner(config.ROAD_FACTOR, config.AVERAGE_SPEED_KMH);

  return config.OSRM_URL
    ? new OsrmRoutePlanner(config.OSRM_URL, config.OSRM_TIMEOUT_MS, estimate, logger)
    : estimate;
}

/** Root of the transport service's features. */
@Module({
  controllers: [
    PrivacyController,
    FaresController,
    RidesController,
    DriverRidesController,
    DriversController,
    SweepController,
  ],
  providers: [
    { provide: ROUTE_PLANNER, useFactory: routePlanner, inject: [TransportConfig, LOGGER] },
    FaresService,
    FareOverridesRepository,
    DriversRepository,
    RidesRepository,
    RatingsRepository,
    DriversService,
    RidePayments,
    RideMetrics,
    RideSettlementService,
    RideRequestsService,
    RideLifecycleService,
    RideQueriesService,
    RideSweeper,
    RatingsService,
    EarningsService,
    LiveUpdates,
    PrivacyService,
    UserErasedConsumer,
    UserSuspendedConsumer,
    DemoDriverConsumer,
  ],
})
export class TransportModule {}
