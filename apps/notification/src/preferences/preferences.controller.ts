import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  NOTIFICATION_SUBJECTS,
  RegisterDeviceRequest,
  UnregisterDeviceRequest,
  UpdateNotificationPreferencesRequest,
  type DeviceView,
  type NotificationPreferencesView,
} from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { ANY_ROLE, callerId } from '../security/caller';
import { PreferencesService } from './preferences.service';

/** The caller's own preferences and push devices; always the verified caller, never an id in the payload. */
@Roles(...ANY_ROLE)
@Controller()
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @MessagePattern(NOTIFICATION_SUBJECTS.getPreferences)
  get(): Promise<NotificationPreferencesView> {
    return this.preferences.get(callerId());
  }

  @MessagePattern(NOTIFICATION_SUBJECTS.updatePreferences)
  update(@Payload() request: UpdateNotificationPreferencesRequest): Promise<NotificationPreferencesView> {
    return this.preferences.update(callerId(), request);
  }

  @MessagePattern(NOTIFICATION_SUBJECTS.registerDevice)
  registerDevice(@Payload() request: RegisterDeviceRequest): Promise<DeviceView> {
    return this.preferences.registerDevice(callerId(), request);
  }

  @MessagePattern(NOTIFICATION_SUBJECTS.unregisterDevice)
  async unregisterDevice(@Payload() request: UnregisterDeviceRequest): Promise<{ removed: true }> {
    await this.preferences.unregisterDevice(callerId(), request.token);

    return { removed: true };
  }
}
