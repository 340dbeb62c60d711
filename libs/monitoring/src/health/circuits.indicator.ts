import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { CircuitStates } from '../state/circuit-states.js';
import type { ResolvedHealthOptions } from './health.options.js';
import { healthMessages } from './health.messages.js';

/** `circuits`: the connectors' circuit breakers of this process; down only with `failOnOpenCircuit`. */
@Injectable()
export class CircuitsIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly circuits: CircuitStates,
  ) {}

  check(options: ResolvedHealthOptions): HealthIndicatorResult<'circuits'> {
    const session = this.indicators.check('circuits');
    const open = this.circuits.open();
    const states = Object.fromEntries(this.circuits.all());
    if (open.length === 0) return session.up({ open, states });
    const message = healthMessages.openCircuits(open);
    return options.failOnOpenCircuit ? session.down({ open, states, message }) : session.up({ open, states, message });
  }
}
