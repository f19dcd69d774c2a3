import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  WALLET_SUBJECTS,
  type PaymentMethodPage,
  type PaymentMethodView,
  type RechargeReply,
  type WalletBalanceView,
  type WalletTransactionPage,
  type WalletTransactionView,
} from '@ecom/contracts';
import { ServiceClient } from '@ecom/platform';

import { ApiProblems, Idempotent, Sensitive } from '../edge';
import {
  PaymentMethodDto,
  PaymentMethodPageDto,
  WalletBalanceDto,
  WalletTransactionDto,
  WalletTransactionPageDto,
} from './dto/wallet-replies.dto';
import {
  CreatePaymentMethodDto,
  RechargeDto,
  TransactionsQueryDto,
  TransferDto,
} from './dto/wallet-requests.dto';
import { RechargeReplyDto } from './recharge-reply.dto';

/** The caller's own wallet: the wallet service acts on the verified caller, never on an id from the client. */
@ApiTags('wallet')
@ApiBearerAuth()
@Controller('wallet')
export class WalletController {
  constructor(private readonly wallet: ServiceClient) {}

  @Get('balance')
  @ApiOperation({ summary: 'Balance, available balance, status, limits and what was spent against them' })
  @ApiOkResponse({ type: WalletBalanceDto })
  @ApiProblems(401, 403, 429, 503, 504)
  balance(): Promise<WalletBalanceView> {
    return this.wallet.request(WALLET_SUBJECTS.getBalance, {});
  }

  @Get('transactions')
  @ApiOperation({
    summary: 'The caller’s transactions, newest first',
    description: 'Each movement of the wallet, and recharges still pending or failed at the provider.',
  })
  @ApiOkResponse({ type: WalletTransactionPageDto })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  transactions(@Query() query: TransactionsQueryDto): Promise<WalletTransactionPage> {
    return this.wallet.request(WALLET_SUBJECTS.listTransactions, query);
  }

  @Sensitive()
  @Idempotent()
  @Post('recharge')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Recharge from mobile money, card or PI-SPI',
    description:
      'Creates a payment with the provider and answers at once: the transaction stays pending until the ' +
      'provider confirms (the payer approves the push on the phone, or pays on the card page), then the ' +
      'wallet is credited exactly once.',
  })
  @ApiAcceptedResponse({ type: RechargeReplyDto })
  @ApiProblems(400, 401, 403, 404, 409, 429, 502, 503, 504)
  recharge(@Body() body: RechargeDto): Promise<RechargeReply> {
    return this.wallet.request(WALLET_SUBJECTS.recharge, body);
  }

  @Sensitive()
  @Idempotent()
  @Post('transfer')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Send money to another user by phone',
    description:
      'Within the wallet’s limits (25 000 F CFA a payment, 50 000 over 24 hours, 500 000 a month by ' +
      'default). Both parties are notified. Retrying with the same Idempotency-Key never sends twice.',
  })
  @ApiCreatedResponse({ type: WalletTransactionDto })
  @ApiProblems(400, 401, 403, 404, 409, 422, 423, 429, 503, 504)
  transfer(@Body() body: TransferDto): Promise<WalletTransactionView> {
    return this.wallet.request(WALLET_SUBJECTS.transfer, body);
  }

  @Get('methods')
  @ApiOperation({ summary: 'The caller’s saved payment methods, default first, identifiers masked' })
  @ApiOkResponse({ type: PaymentMethodPageDto })
  @ApiProblems(401, 403, 429, 503, 504)
  methods(): Promise<PaymentMethodPage> {
    return this.wallet.request(WALLET_SUBJECTS.listMethods, {});
  }

  @Post('methods')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Save a payment method',
    description:
      'The identifier is stored encrypted and only ever shown masked (`+228 90 •• •• 56`, `•••• 4242`).',
  })
  @ApiCreatedResponse({ type: PaymentMethodDto })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  createMethod(@Body() body: CreatePaymentMethodDto): Promise<PaymentMethodView> {
    return this.wallet.request(WALLET_SUBJECTS.createMethod, body);
  }

  @Delete('methods/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a saved method (the most recent other one becomes the default)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  async deleteMethod(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.wallet.request(WALLET_SUBJECTS.deleteMethod, { id });
  }
}
