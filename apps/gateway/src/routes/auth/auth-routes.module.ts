import { Module } from '@nestjs/common';

import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { MeController } from './me.controller';
import { PrivacyExportService } from './privacy-export.service';

/** The auth service's routes: `/auth/...` and `/admin/users`. */
@Module({
  controllers: [AuthController, MeController, AdminUsersController],
  providers: [PrivacyExportService],
})
export class AuthRoutesModule {}
