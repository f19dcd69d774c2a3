import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  AUTH_JWKS_SUBJECT,
  AUTH_SUBJECTS,
  type JwksReply,
  type SendOtpReply,
  type SessionReply,
  type VerificationReply,
} from '@ecom/contracts';
import { Public, ServiceClient } from '@ecom/platform';

import { ApiProblems, Sensitive } from '../edge';
import { JwksDto, SendOtpReplyDto, SessionDto, VerificationReplyDto } from './dto/auth-replies.dto';
import {
  LoginDto,
  LogoutDto,
  RefreshDto,
  RegisterDto,
  ResetPasswordDto,
  SendOtpDto,
  VerifyOtpDto,
} from './dto/auth-requests.dto';

/** Phone verification, registration, sign-in and sessions: relayed to the auth service. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: ServiceClient) {}

  @Public()
  @Sensitive()
  @Post('send-otp')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Text a 6-digit code to a phone',
    description:
      'Same answer whether or not the phone has an account. Codes last 5 minutes; one per minute, 5 per phone ' +
      'and 30 per client address an hour.',
  })
  @ApiAcceptedResponse({ type: SendOtpReplyDto })
  @ApiProblems(400, 429, 503, 504)
  sendOtp(@Body() body: SendOtpDto): Promise<SendOtpReply> {
    return this.auth.request(AUTH_SUBJECTS.sendOtp, body);
  }

  @Public()
  @Sensitive()
  @Post('verify-otp')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check a code',
    description:
      'Registration and password_reset answer a single-use verification token; login answers a session. ' +
      'The 5th wrong code burns it.',
  })
  @ApiExtraModels(VerificationReplyDto, SessionDto)
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(VerificationReplyDto) }, { $ref: getSchemaPath(SessionDto) }] },
  })
  @ApiProblems(400, 403, 429, 503, 504)
  verifyOtp(@Body() body: VerifyOtpDto): Promise<VerificationReply | SessionReply> {
    return this.auth.request(AUTH_SUBJECTS.verifyOtp, body);
  }

  @Public()
  @Sensitive()
  @Post('register')
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an account from a verified phone, signed in at once' })
  @ApiCreatedResponse({ type: SessionDto })
  @ApiProblems(400, 409, 429, 503, 504)
  register(@Body() body: RegisterDto): Promise<SessionReply> {
    return this.auth.request(AUTH_SUBJECTS.register, body);
  }

  @Public()
  @Sensitive()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in by phone or email and password',
    description: '5 failures in a row lock the account for 15 minutes (423 AUTH_LOCKED).',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 401, 403, 423, 429, 503, 504)
  login(@Body() body: LoginDto): Promise<SessionReply> {
    return this.auth.request(AUTH_SUBJECTS.login, body);
  }

  @Public()
  @Sensitive()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trade a refresh token for a new session',
    description:
      'The token is spent; presenting a spent one again revokes its whole family (AUTH_TOKEN_REUSED).',
  })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  refresh(@Body() body: RefreshDto): Promise<SessionReply> {
    return this.auth.request(AUTH_SUBJECTS.refresh, body);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of this refresh token' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 429, 503, 504)
  async logout(@Body() body: LogoutDto): Promise<void> {
    await this.auth.request(AUTH_SUBJECTS.logout, body);
  }

  @Public()
  @Sensitive()
  @Post('password/reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password from a verified phone; every session ends' })
  @ApiNoContentResponse()
  @ApiProblems(400, 429, 503, 504)
  async resetPassword(@Body() body: ResetPasswordDto): Promise<void> {
    await this.auth.request(AUTH_SUBJECTS.resetPassword, body);
  }

  @Public()
  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The public keys that verify access tokens (RS256, by kid)' })
  @ApiOkResponse({ type: JwksDto })
  @ApiProblems(429, 503, 504)
  jwks(): Promise<JwksReply> {
    return this.auth.request(AUTH_JWKS_SUBJECT, {});
  }
}
