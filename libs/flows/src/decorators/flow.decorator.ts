import { SetMetadata } from '@nestjs/common';
import { FLOW_METADATA } from '../flows.constants.js';
import type { FlowInputRecord, FlowMetadata, FlowOptions } from '../interfaces/flow-options.interface.js';

export interface FlowDecorator {
  <TInput = FlowInputRecord>(name: string, options?: FlowOptions<TInput>): MethodDecorator;
  /** The metadata key, for tooling that reads flows itself. */
  readonly KEY: string;
}

/**
 * Makes this method the body of the durable flow `name`: it receives a `FlowContext` and re-runs
 * from the top whenever the run resumes, its recorded steps replayed. One `@Flow` per method; flow
 * names are unique in the app.
 * @publicApi
 */
export const Flow: FlowDecorator = Object.assign(
  (name: string, options: FlowOptions<never> = {}): MethodDecorator => SetMetadata<string, FlowMetadata>(FLOW_METADATA, { name, options: options as FlowOptions }),
  { KEY: FLOW_METADATA },
);
