import { Injectable } from '@nestjs/common';
import { SealedBox } from '@ecom/platform';

import { WalletConfig } from '../config';

/**
 * The keys that seal saved method identifiers (AES-256-GCM): new ones under the current key, each
 * record naming its key id so that, after a rotation, older records still open with a retired key.
 */
@Injectable()
export class MethodKeys {
  readonly currentId: string;
  private readonly boxes = new Map<string, SealedBox>();

  constructor(config: WalletConfig) {
    this.currentId = config.WALLET_METHODS_KEY_ID;
    for (const entry of config.WALLET_METHODS_RETIRED_KEYS) {
      const separator = entry.indexOf(':');
      this.boxes.set(entry.slice(0, separator), new SealedBox(entry.slice(separator + 1)));
    }
    this.boxes.set(this.currentId, new SealedBox(config.WALLET_METHODS_KEY));
  }

  /** Bound to the record's id: a sealed identifier copied onto another record does not open. */
  seal(identifier: string, recordId: string): { sealed: string; keyId: string } {
    return { sealed: this.box(this.currentId).seal(identifier, recordId), keyId: this.currentId };
  }

  open(sealed: string, keyId: string, recordId: string): string {
    return this.box(keyId).open(sealed, recordId);
  }

  private box(keyId: string): SealedBox {
    const box = this.boxes.get(keyId);
    if (!box) throw new Error(`No key ${keyId} to open saved payment methods`);

    return box;
  }
}
