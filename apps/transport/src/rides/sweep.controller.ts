import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SweepRequest, TRANSPORT_SUBJECTS, type SweepResult } from '@ecom/contracts';

import { RideSweeper } from './ride-sweeper';

/** For the platform only (no role; the gateway never routes here): the sweeper's pass, now. */
@Controller()
export class SweepController {
  constructor(private readonly sweeper: RideSweeper) {}

  @MessagePattern(TRANSPORT_SUBJECTS.sweep)
  sweep(@Payload() request: SweepRequest): Promise<SweepResult> {
    return this.sweeper.sweep(request.now ? new Date(request.now) : new Date());
  }
}
