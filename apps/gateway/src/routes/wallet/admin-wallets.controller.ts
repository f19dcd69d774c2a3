import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  WALLET_SUBJECTS,
  type AdminWalletView,
  type AmlFlagPage,
  type ReconciliationReport,
} from '@ecom/contracts';
import { Roles, ServiceClient } from '@ecom/platform';

import { ApiProblems } from '../edge';
import { AdminWalletDto, AmlFlagPageDto, ReconciliationReportDto } from './dto/wallet-replies.dto';
import { FlagsQueryDto, SetWalletLimitsDto } from './dto/wallet-requests.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/wallets')
export class AdminWalletsController {
  constructor(private readonly wallet: ServiceClient) {}

  @Get('flags')
  @ApiOperation({
    summary: 'AML flags, newest first',
    description:
      'Large transfers, many receivers within an hour, round trips: flagged for review, not blocked.',
  })
  @ApiOkResponse({ type: AmlFlagPageDto })
  @ApiProblems(400, 401, 403, 429, 503, 504)
  flags(@Query() query: FlagsQueryDto): Promise<AmlFlagPage> {
    return this.wallet.request(WALLET_SUBJECTS.listFlags, query);
  }

  @Get('reconciliation')
  @ApiOperation({
    summary: 'Recompute every balance from the ledger',
    description:
      'Each account against the sum of its postings, each entry and the whole ledger against zero.',
  })
  @ApiOkResponse({ type: ReconciliationReportDto })
  @ApiProblems(401, 403, 429, 503, 504)
  reconciliation(): Promise<ReconciliationReport> {
    return this.wallet.request(WALLET_SUBJECTS.reconcile, {}, { timeoutMs: 60_000 });
  }

  @Post(':user_id/freeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Freeze a wallet: it still receives, but cannot pay' })
  @ApiOkResponse({ type: AdminWalletDto })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503, 504)
  freeze(@Param('user_id', new ParseUUIDPipe()) userId: string): Promise<AdminWalletView> {
    return this.wallet.request(WALLET_SUBJECTS.freeze, { user_id: userId });
  }

  @Post(':user_id/unfreeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Let a frozen wallet pay again' })
  @ApiOkResponse({ type: AdminWalletDto })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503, 504)
  unfreeze(@Param('user_id', new ParseUUIDPipe()) userId: string): Promise<AdminWalletView> {
    return this.wallet.request(WALLET_SUBJECTS.unfreeze, { user_id: userId });
  }

  @Patch(':user_id/limits')
  @ApiOperation({ summary: 'Override the limits of one wallet (`null` restores the default)' })
  @ApiOkResponse({ type: AdminWalletDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  setLimits(
    @Param('user_id', new ParseUUIDPipe()) userId: string,
    @Body() body: SetWalletLimitsDto,
  ): Promise<AdminWalletView> {
    return this.wallet.request(WALLET_SUBJECTS.setLimits, {
      user_id: userId,
      daily_limit: body.daily_limit,
      monthly_limit: body.monthly_limit,
      single_transaction_max: body.single_transaction_max,
    });
  }
}
