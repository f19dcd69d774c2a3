import { IsIn, IsString, Matches, MaxLength } from 'class-validator';

export const OTP_PURPOSES = ['registration', 'login', 'password_reset'] as const;

export type OtpPurpose = (typeof OTP_PURPOSES)[number];

/** Asks for a one-time code by SMS. The answer is the same whether or not the phone has an account. */
export class SendOtpRequest {
  /** Local (`90 12 34 56`, Togo by default) or international (`+22890123456`) form. */
  @IsString()
  @MaxLength(32)
  phone!: string;

  @IsIn(OTP_PURPOSES)
  purpose!: OtpPurpose;
}

export class VerifyOtpRequest {
  @IsString()
  @MaxLength(32)
  phone!: string;

  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;

  @IsIn(OTP_PURPOSES)
  purpose!: OtpPurpose;
}

export interface SendOtpReply {
  /** Seconds before another code may be asked for this phone. */
  resend_after: number;
  /** Seconds the code stays valid once received. */
  expires_in: number;
}

/** Proof that the phone was verified, for one registration or one password reset. */
export interface VerificationReply {
  verification_token: string;
  expires_in: number;
}
