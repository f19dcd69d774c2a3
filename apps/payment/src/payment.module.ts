import { Module } from '@nestjs/common';

/** Root of the payment service's features. */
@Module({})
export class PaymentModule {}
