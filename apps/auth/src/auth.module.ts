import { Module } from '@nestjs/common';

/** Root of the auth service's features. */
@Module({})
export class AuthModule {}
