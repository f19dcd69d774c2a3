import { Module } from '@nestjs/common';

import { AdminDriversController } from './admin-drivers.controller';
import { DriverController } from './driver.controller';
import { RideStreamController } from './ride-stream.controller';
import { TransportController } from './transport.controller';

/** The transport service's routes: `/transport/...`, `/driver/...` and `/admin/drivers`. */
@Module({
  controllers: [TransportController, RideStreamController, DriverController, AdminDriversController],
})
export class TransportRoutesModule {}
