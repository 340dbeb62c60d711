import type { SandboxCredentials, SandboxLimits } from '../interfaces/sandbox-options.interface.js';
import type { SandboxState } from '../state/sandbox-state.js';
import type { OutboundDeliveries } from '../webhooks/outbound-deliveries.js';

/** What every stand-in is built from. */
export interface ServiceContext {
  readonly state: SandboxState;
  readonly credentials: Readonly<SandboxCredentials>;
  readonly limits: SandboxLimits;
  /** The sandbox's own origin (`http://127.0.0.1:41234`), known once it listens. */
  origin(): string;
  /** Webhooks the stand-ins send by themselves (GitHub pings, helpdesk events). */
  readonly outbound: OutboundDeliveries;
}
