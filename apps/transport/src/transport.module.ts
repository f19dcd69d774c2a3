import { Module } from '@nestjs/common';

/** Root of the transport service's features. */
@Module({})
export class TransportModule {}
