import { Inject, Injectable } from '@nestjs/common';
import type { ProviderMethod } from '@ecom/contracts';
import { DomainError } from '@ecom/platform';

import { PaymentConfig } from '../config';
import { PAYMENT_PROVIDERS, type PaymentProvider } from './payment-provider';

/** The adapter configured for each provider method, and each adapter by its name in webhook URLs. */
@Injectable()
export class ProvidersRegistry {
  private readonly byName: ReadonlyMap<string, PaymentProvider>;

  constructor(
    @Inject(PAYMENT_PROVIDERS) providers: PaymentProvider[],
    private readonly config: PaymentConfig,
  ) {
    this.byName = new Map(providers.map((provider) => [provider.name, provider]));
  }

  forMethod(method: ProviderMethod): PaymentProvider {
    const names: Record<ProviderMethod, string> = {
      yas: this.config.PAYMENT_PROVIDER_YAS,
      flooz: this.config.PAYMENT_PROVIDER_FLOOZ,
      visa: this.config.PAYMENT_PROVIDER_VISA,
      pispi: this.config.PAYMENT_PROVIDER_PISPI,
    };

    return this.named(names[method]);
  }

  /** PAYMENT_PROVIDER_UNKNOWN for a name no configured adapter has (a webhook URL made up by a caller). */
  named(name: string): PaymentProvider {
    const provider = this.byName.get(name);
    if (!provider) throw new DomainError('PAYMENT_PROVIDER_UNKNOWN');

    return provider;
  }
}
