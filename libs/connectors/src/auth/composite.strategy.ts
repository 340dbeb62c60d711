import type { TransportTls } from '../http/transport.js';
import type { AuthStrategy, OutgoingAuth } from './auth-strategy.interface.js';

/** Several strategies on one connector, e.g. an mTLS client certificate plus a bearer token. */
export class CompositeStrategy implements AuthStrategy {
  readonly type: string;
  readonly sensitiveQuery: readonly string[];

  constructor(private readonly strategies: readonly AuthStrategy[]) {
    this.type = strategies.map((s) => s.type).join('+');
    this.sensitiveQuery = strategies.flatMap((s) => s.sensitiveQuery);
  }

  async apply(target: OutgoingAuth, signal?: AbortSignal): Promise<void> {
    for (const strategy of this.strategies) await strategy.apply(target, signal);
  }

  async refresh(sent: OutgoingAuth, signal?: AbortSignal): Promise<boolean> {
    const renewed = await Promise.all(this.strategies.map((s) => s.refresh(sent, signal)));
    return renewed.some(Boolean);
  }

  async tls(): Promise<TransportTls | undefined> {
    for (const strategy of this.strategies) {
      const tls = await strategy.tls?.();
      if (tls) return tls;
    }
    return undefined;
  }
}
