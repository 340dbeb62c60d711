import { isModuleNotFound } from '../admin/module-not-found.js';

/** `@opentelemetry/api`, an optional peer: its types only, never a static import. */
export type OtelApi = typeof import('@opentelemetry/api');

/** The tracer every span of aiwire is made by. */
export const TRACER_NAME = '@aiwire/monitoring';

/**
 * `@opentelemetry/api`, or undefined when it is not installed. Any other failure to load it is
 * thrown: a broken install should not pass for an absent one.
 */
export async function loadOtelApi(specifier = '@opentelemetry/api'): Promise<OtelApi | undefined> {
  try {
    return (await import(specifier)) as OtelApi;
  } catch (error) {
    if (isModuleNotFound(error)) return undefined;
    throw error;
  }
}

/**
 * Whether a context manager is registered: without one (`AsyncLocalStorageContextManager`, which
 * the SDK's `NodeSDK` and `NodeTracerProvider.register()` install) no span is ever active, so
 * spans cannot be parented and log lines carry no trace ids.
 */
export function hasContextManager(api: OtelApi): boolean {
  const probe = api.createContextKey('aiwire.probe');
  return api.context.with(api.ROOT_CONTEXT.setValue(probe, true), () => api.context.active().getValue(probe) === true);
}
