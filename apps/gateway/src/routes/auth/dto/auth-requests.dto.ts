import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LoginRequest,
  LogoutRequest,
  OTP_PURPOSES,
  RefreshRequest,
  RegisterRequest,
  ResetPasswordRequest,
  SELF_SERVICE_USER_TYPES,
  SendOtpRequest,
  VerifyOtpRequest,
  type OtpPurpose,
} from '@ecom/contracts';

// Request bodies are auth's own payload classes (validated here, and again by auth on receipt); these
// subclasses only add their documentation.

export class SendOtpDto extends SendOtpRequest {
  @ApiProperty({ example: '90 12 34 56', description: 'Local (Togo by default) or international form' })
  declare phone: string;

  @ApiProperty({ enum: OTP_PURPOSES })
  declare purpose: OtpPurpose;
}

export class VerifyOtpDto extends VerifyOtpRequest {
  @ApiProperty({ example: '+22890123456' })
  declare phone: string;

  @ApiProperty({ example: '482913', pattern: '^\\d{6}$' })
  declare code: string;

  @ApiProperty({ enum: OTP_PURPOSES })
  declare purpose: OtpPurpose;
}

export class RegisterDto extends RegisterRequest {
  @ApiProperty({ description: 'From verify-otp with purpose registration' })
  declare verification_token: string;

  @ApiProperty({ example: 'Kossi' })
  declare first_name: string;

  @ApiProperty({ example: 'Mensah' })
  declare last_name: string;

  @ApiProperty({ minLength: 8, description: 'At least 8 characters, not a common password' })
  declare password: string;

  @ApiPropertyOptional({ example: 'kossi@example.tg' })
  declare email?: string;

  @ApiPropertyOptional({ example: '1994-03-12', format: 'date' })
  declare date_of_birth?: string;

  @ApiProperty({ enum: SELF_SERVICE_USER_TYPES })
  declare user_type: (typeof SELF_SERVICE_USER_TYPES)[number];

  @ApiPropertyOptional({ example: 'Lomé Distribution SARL', description: 'B2B clients only' })
  declare company_name?: string;
}

export class LoginDto extends LoginRequest {
  @ApiPropertyOptional({ example: '+22890123456', description: 'Phone or email' })
  declare phone?: string;

  @ApiPropertyOptional({ example: 'kossi@example.tg' })
  declare email?: string;

  @ApiProperty()
  declare password: string;
}

export class RefreshDto extends RefreshRequest {
  @ApiProperty()
  declare refresh_token: string;
}

export class LogoutDto extends LogoutRequest {
  @ApiProperty()
  declare refresh_token: string;
}

export class ResetPasswordDto extends ResetPasswordRequest {
  @ApiProperty({ description: 'From verify-otp with purpose password_reset' })
  declare verification_token: string;

  @ApiProperty({ minLength: 8 })
  declare new_password: string;
}
