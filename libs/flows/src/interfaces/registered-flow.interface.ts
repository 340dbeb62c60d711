import type { FlowContext } from './flow-context.interface.js';
import type { FlowOptions } from './flow-options.interface.js';

/** @internal One `@Flow` method of one provider instance, as the explorer registers it. */
export interface RegisteredFlow {
  readonly name: string;
  readonly options: FlowOptions;
  /** `ClassName.method`, for messages. */
  readonly target: string;
  /** Calls the flow method on its instance. */
  readonly run: (flow: FlowContext<unknown>) => Promise<unknown>;
  /** Calls the `onFailure` method on its instance, when the flow names one. */
  readonly onFailure?: (flow: FlowContext<unknown>, error: Error) => Promise<unknown>;
}
