import { Module } from '@nestjs/common';

import { AdminDriversController } from './admin-drivers.controller';
import { AdminFaresController } from './admin-fares.controller';
import { DriverController } from './driver.controller';
import { RideStreamController } from './ride-stream.controller';
import { TransportController } from './transport.controller';

/** The transport service's routes: `/transport/...`, `/driver/...`, `/admin/drivers` and `/admin/fares`. */
@Module({
  controllers: [
    TransportController,
    RideStreamController,
    DriverController,
    AdminDriversController,
    AdminFaresController,
  ],
})
export class TransportRoutesModule {}
