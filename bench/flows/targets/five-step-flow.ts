// The flows both the filler (FlowsModule with workers: false) and the flows worker register: five
// no-op steps, each returning a small JSON object, as the "5-step flow with no-op steps".
import 'reflect-metadata';
import { Injectable, Module, type DynamicModule } from '@nestjs/common';
import { Flow, FlowsModule, type FlowContext, type FlowsModuleOptions } from '@aiwire/flows';
import { noop } from './noop.js';

export const FIVE_STEPS = 'five-steps';
/** The same with one step: against the five-step flow it splits the cost into per step and per run. */
export const ONE_STEP = 'one-step';

/** Called when a run's flow function returned (set by the worker target, for its execution counter). */
export const onFlowReturned: { fn: () => void } = { fn: () => undefined };

@Injectable()
export class FiveStepFlow {
  @Flow(FIVE_STEPS)
  async run(flow: FlowContext<{ n: number }>): Promise<void> {
    await flow.step('one', noop);
    await flow.step('two', noop);
    await flow.step('three', noop);
    await flow.step('four', noop);
    await flow.step('five', noop);
    onFlowReturned.fn();
  }

  @Flow(ONE_STEP)
  async one(flow: FlowContext<{ n: number }>): Promise<void> {
    await flow.step('one', noop);
    onFlowReturned.fn();
  }
}

/** The app module of a flows process on `redis`, with the bench's prefixes. */
export function flowsAppModule(redis: FlowsModuleOptions['redis'], prefix: string, workers: boolean, concurrency = 10): DynamicModule {
  @Module({ imports: [FlowsModule.forRoot({ redis, keyPrefix: prefix, queue: { prefix }, workers, concurrency })], providers: [FiveStepFlow] })
  class FlowsBenchModule {}
  return { module: FlowsBenchModule };
}
