import { Module } from '@nestjs/common';

import { AccountsController } from './accounts/accounts.controller';
import { LoginService } from './accounts/login.service';
import { RegistrationService } from './accounts/registration.service';
import { UsersRepository } from './accounts/users.repository';
import { AdminUsersController } from './admin/admin-users.controller';
import { AdminUsersService } from './admin/admin-users.service';
import { DirectoryController } from './directory/directory.controller';
import { DirectoryService } from './directory/directory.service';
import { KeysController } from './keys/keys.controller';
import { SigningKeysRepository } from './keys/signing-keys.repository';
import { SigningKeysService } from './keys/signing-keys.service';
import { OtpRepository } from './otp/otp.repository';
import { OtpService } from './otp/otp.service';
import { PrivacyController } from './privacy/privacy.controller';
import { PrivacyService } from './privacy/privacy.service';
import { ProfileController } from './profile/profile.controller';
import { ProfileRepository } from './profile/profile.repository';
import { ProfileService } from './profile/profile.service';
import { PasswordHasher } from './security/password-hasher';
import { SecretHasher } from './security/secret-hasher';
import { RefreshTokensRepository } from './sessions/refresh-tokens.repository';
import { SessionsService } from './sessions/sessions.service';

/** Root of the auth service's features. */
@Module({
  controllers: [
    AccountsController,
    ProfileController,
    PrivacyController,
    AdminUsersController,
    KeysController,
    DirectoryController,
  ],
  providers: [
    UsersRepository,
    OtpRepository,
    RefreshTokensRepository,
    SigningKeysRepository,
    ProfileRepository,
    SecretHasher,
    PasswordHasher,
    SigningKeysService,
    SessionsService,
    OtpService,
    RegistrationService,
    LoginService,
    ProfileService,
    PrivacyService,
    AdminUsersService,
    DirectoryService,
  ],
})
export class AuthModule {}
