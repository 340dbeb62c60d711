import type { Provider } from '@nestjs/common';
import { BullQueues } from './bull-queues.js';
import { CircuitStates } from '../state/circuit-states.js';

/**
 * Services several parts read (metrics, health, admin, alerts): the app's Bull queues and the
 * connectors' circuit states. `BullQueues` needs `DiscoveryModule` among the module's imports.
 */
export const MONITORING_SHARED_PROVIDERS: Provider[] = [BullQueues, CircuitStates];
