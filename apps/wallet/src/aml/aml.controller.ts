import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListFlagsRequest, WALLET_SUBJECTS, type AmlFlagPage } from '@ecom/contracts';
import { Roles } from '@ecom/platform';

import { AmlService } from './aml.service';

@Roles('admin')
@Controller()
export class AmlController {
  constructor(private readonly aml: AmlService) {}

  @MessagePattern(WALLET_SUBJECTS.listFlags)
  list(@Payload() request: ListFlagsRequest): Promise<AmlFlagPage> {
    return this.aml.list(request);
  }
}
