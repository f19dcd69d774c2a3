import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AddressIdRequest,
  AUTH_SUBJECTS,
  CreateAddressRequest,
  UpdateConsentsRequest,
  UpdateProfileRequest,
  type AddressView,
  type ConsentsView,
  type UserView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE, callerId } from '../security/caller';
import { ProfileService } from './profile.service';

/** `me` handlers: they act on the verified caller only. */
@Roles(...ANY_ROLE)
@Controller()
export class ProfileController {
  constructor(private readonly profile: ProfileService) {}

  @MessagePattern(AUTH_SUBJECTS.getProfile)
  me(): Promise<UserView> {
    return this.profile.me(callerId());
  }

  @MessagePattern(AUTH_SUBJECTS.updateProfile)
  update(@Payload() changes: UpdateProfileRequest): Promise<UserView> {
    return this.profile.update(callerId(), changes);
  }

  @MessagePattern(AUTH_SUBJECTS.listAddresses)
  async addresses(): Promise<{ items: AddressView[] }> {
    return { items: await this.profile.addresses(callerId()) };
  }

  @MessagePattern(AUTH_SUBJECTS.createAddress)
  addAddress(@Payload() address: CreateAddressRequest): Promise<AddressView> {
    return this.profile.addAddress(callerId(), address);
  }

  @MessagePattern(AUTH_SUBJECTS.deleteAddress)
  async deleteAddress(@Payload() request: AddressIdRequest): Promise<{ ok: true }> {
    await this.profile.deleteAddress(callerId(), request.address_id);

    return { ok: true };
  }

  @MessagePattern(AUTH_SUBJECTS.getConsents)
  consents(): Promise<ConsentsView> {
    return this.profile.consents(callerId());
  }

  @MessagePattern(AUTH_SUBJECTS.updateConsents)
  updateConsents(@Payload() changes: UpdateConsentsRequest): Promise<ConsentsView> {
    return this.profile.updateConsents(callerId(), changes);
  }
}
