export { FlowsModule } from './flows.module.js';
export { Flow } from './decorators/flow.decorator.js';
export type { FlowDecorator } from './decorators/flow.decorator.js';
export { FlowsService } from './flows.service.js';
export { FLOWS_QUEUE, FLOWS_QUEUE_NAME } from './flows.constants.js';
export { flowRunChannel, flowStepChannel } from './flows.channels.js';
export type { FlowRunMessage, FlowStepMessage } from './flows.channels.js';
export type { FlowContext, FlowDuration, FlowStepOptions, FlowWaitOptions, FlowJson, FlowParallelItem, FlowParallelResults } from './interfaces/flow-context.interface.js';
export type {
  FlowOptions, FlowMetadata, FlowInputRecord, FlowTrigger, FlowWebhookTrigger, FlowCronTrigger, FlowEventTrigger, FlowConcurrencyOptions, FlowCancelOn,
} from './interfaces/flow-options.interface.js';
export type {
  FlowRun, FlowRunDetail, FlowRunStatus, FlowStepStatus, FlowStepRecord, FlowRunError, FlowWaitingFor, FlowTriggerInfo, FlowRunFilter, FlowRunList,
  FlowStartOptions, FlowReplayOptions, FlowEmitResult, FlowEmitOptions,
} from './interfaces/flow-run.interface.js';
export type { FlowsModuleOptions, FlowsModuleExtras, FlowRetryOptions, FlowQueueOptions } from './interfaces/flows-module-options.interface.js';
export { FlowConfigurationError } from './errors/flow-configuration.error.js';
export { FlowNotFoundError } from './errors/flow-not-found.error.js';
export { FlowRunNotFoundError } from './errors/flow-run-not-found.error.js';
export { FlowDeterminismError } from './errors/flow-determinism.error.js';
export { FlowStepFailedError } from './errors/flow-step-failed.error.js';
export { FlowStepResultTooLargeError } from './errors/flow-step-result-too-large.error.js';
export { FlowReplayError } from './errors/flow-replay.error.js';
