import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DashboardRequest,
  MARKETPLACE_SUBJECTS,
  type AdminStatsView,
  type StoreDashboardView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { caller } from '../security/caller';
import { DashboardService } from './dashboard.service';

@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Roles('store_owner')
  @MessagePattern(MARKETPLACE_SUBJECTS.storeDashboard)
  store(@Payload() request: DashboardRequest): Promise<StoreDashboardView> {
    return this.dashboard.store(caller().user_id, request.days);
  }

  @Roles('admin')
  @MessagePattern(MARKETPLACE_SUBJECTS.adminStats)
  platform(): Promise<AdminStatsView> {
    return this.dashboard.platform();
  }
}
