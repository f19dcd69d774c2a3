import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AUTH_SUBJECTS,
  type AddressView,
  type Caller,
  type ConsentsView,
  type UserView,
} from '@ecom/contracts';
import { ServiceClient } from '@ecom/platform';

import { ApiProblems, CurrentCaller } from '../edge';
import { AddressDto, AddressListDto, ConsentsDto, PrivacyExportDto, UserDto } from './dto/auth-replies.dto';
import { CreateAddressDto, UpdateConsentsDto, UpdateProfileDto } from './dto/me-requests.dto';
import { PrivacyExportService } from './privacy-export.service';

/** The signed-in user's own account: auth acts on the verified caller, never on an id from the client. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth/me')
export class MeController {
  constructor(
    private readonly auth: ServiceClient,
    private readonly privacy: PrivacyExportService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s profile' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(401, 403, 404, 429, 503, 504)
  me(): Promise<UserView> {
    return this.auth.request(AUTH_SUBJECTS.getProfile, {});
  }

  @Patch()
  @ApiOperation({ summary: 'Change names, email, date of birth or company (B2B)' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 401, 403, 404, 409, 429, 503, 504)
  update(@Body() body: UpdateProfileDto): Promise<UserView> {
    return this.auth.request(AUTH_SUBJECTS.updateProfile, body);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Erase the account',
    description:
      'Personal data is deleted or anonymised by every service; money and order records are kept, anonymised. ' +
      'Every session ends.',
  })
  @ApiNoContentResponse()
  @ApiProblems(401, 403, 404, 429, 503, 504)
  async erase(): Promise<void> {
    await this.auth.request(AUTH_SUBJECTS.eraseAccount, {});
  }

  @Get('export')
  @ApiOperation({ summary: 'Every personal datum held by every service, as one JSON document' })
  @ApiOkResponse({ type: PrivacyExportDto })
  @ApiProblems(401, 403, 429, 503)
  export(@CurrentCaller() caller: Caller): Promise<PrivacyExportDto> {
    return this.privacy.export(caller.user_id);
  }

  @Get('addresses')
  @ApiOperation({ summary: 'The caller’s addresses, the default first' })
  @ApiOkResponse({ type: AddressListDto })
  @ApiProblems(401, 403, 429, 503, 504)
  addresses(): Promise<{ items: AddressView[] }> {
    return this.auth.request(AUTH_SUBJECTS.listAddresses, {});
  }

  @Post('addresses')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add an address' })
  @ApiCreatedResponse({ type: AddressDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  addAddress(@Body() body: CreateAddressDto): Promise<AddressView> {
    return this.auth.request(AUTH_SUBJECTS.createAddress, body);
  }

  @Delete('addresses/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of the caller’s addresses' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  async deleteAddress(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.auth.request(AUTH_SUBJECTS.deleteAddress, { address_id: id });
  }

  @Get('consents')
  @ApiOperation({ summary: 'Marketing and analytics consents, with their history' })
  @ApiOkResponse({ type: ConsentsDto })
  @ApiProblems(401, 403, 429, 503, 504)
  consents(): Promise<ConsentsView> {
    return this.auth.request(AUTH_SUBJECTS.getConsents, {});
  }

  @Put('consents')
  @ApiOperation({ summary: 'Grant or withdraw consents' })
  @ApiOkResponse({ type: ConsentsDto })
  @ApiProblems(400, 401, 403, 404, 429, 503, 504)
  updateConsents(@Body() body: UpdateConsentsDto): Promise<ConsentsView> {
    return this.auth.request(AUTH_SUBJECTS.updateConsents, body);
  }
}
