import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createChannel } from '@aiwire/core';
import type { HttpCircuitMessage } from '@aiwire/connectors';

/** A connector's circuit breaker state. */
export type CircuitStateName = HttpCircuitMessage['to'];

/** Published by @aiwire/connectors on every breaker state change; subscribed by name (connectors is optional). */
const circuitChannel = createChannel<HttpCircuitMessage>('aiwire:http:circuit');

/**
 * The circuit breaker state of each connector of this process, from `aiwire:http:circuit`.
 * Breakers live in each process and start closed: a connector is listed once its breaker first
 * changed state (after this service was created), and a connector absent is closed.
 */
@Injectable()
export class CircuitStates implements OnApplicationShutdown {
  private readonly states = new Map<string, CircuitStateName>();
  private readonly listener = (message: HttpCircuitMessage): void => {
    this.states.set(message.connector, message.to);
  };

  constructor() {
    // From construction, so changes during other modules' startup are not missed.
    circuitChannel.subscribe(this.listener);
  }

  all(): ReadonlyMap<string, CircuitStateName> {
    return this.states;
  }

  /** Connectors whose breaker is open now (half-open ones are already letting trial calls through). */
  open(): string[] {
    return [...this.states].filter(([, state]) => state === 'open').map(([name]) => name);
  }

  onApplicationShutdown(): void {
    circuitChannel.unsubscribe(this.listener);
  }
}
