import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AUTH_SUBJECTS,
  LoginRequest,
  LogoutRequest,
  RefreshRequest,
  RegisterRequest,
  ResetPasswordRequest,
  SendOtpRequest,
  VerifyOtpRequest,
  type SendOtpReply,
  type SessionReply,
  type VerificationReply,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { OtpService } from '../otp/otp.service';
import { ANY_ROLE, callerId } from '../security/caller';
import { SessionsService } from '../sessions/sessions.service';
import { LoginService } from './login.service';
import { RegistrationService } from './registration.service';

/** Phone verification, registration, sign-in and sessions. */
@Controller()
export class AccountsController {
  constructor(
    private readonly otp: OtpService,
    private readonly registration: RegistrationService,
    private readonly login: LoginService,
    private readonly sessions: SessionsService,
  ) {}

  @MessagePattern(AUTH_SUBJECTS.sendOtp)
  sendOtp(@Payload() request: SendOtpRequest): Promise<SendOtpReply> {
    return this.otp.send(request);
  }

  @MessagePattern(AUTH_SUBJECTS.verifyOtp)
  verifyOtp(@Payload() request: VerifyOtpRequest): Promise<VerificationReply | SessionReply> {
    return this.otp.verify(request);
  }

  @MessagePattern(AUTH_SUBJECTS.register)
  register(@Payload() request: RegisterRequest): Promise<SessionReply> {
    return this.registration.register(request);
  }

  @MessagePattern(AUTH_SUBJECTS.login)
  signIn(@Payload() request: LoginRequest): Promise<SessionReply> {
    return this.login.login(request);
  }

  @MessagePattern(AUTH_SUBJECTS.refresh)
  refresh(@Payload() request: RefreshRequest): Promise<SessionReply> {
    return this.sessions.refresh(request.refresh_token);
  }

  @Roles(...ANY_ROLE)
  @MessagePattern(AUTH_SUBJECTS.logout)
  async logout(@Payload() request: LogoutRequest): Promise<{ ok: true }> {
    await this.sessions.logout(callerId(), request.refresh_token);

    return { ok: true };
  }

  @MessagePattern(AUTH_SUBJECTS.resetPassword)
  async resetPassword(@Payload() request: ResetPasswordRequest): Promise<{ ok: true }> {
    await this.registration.resetPassword(request);

    return { ok: true };
  }
}
