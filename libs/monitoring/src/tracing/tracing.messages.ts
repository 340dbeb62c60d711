/** Every message the tracing part logs; each says what to do. */
export const messages = {
  apiMissing: () =>
    'MonitoringModule: tracing is on but @opentelemetry/api is not installed, so no span is made. Install it (npm i @opentelemetry/api@^1.9) and register an OpenTelemetry SDK, or set tracing: false.',
  noContextManager: () =>
    'MonitoringModule: tracing is on but no OpenTelemetry context manager is registered, so spans are not parented and log lines carry no trace ids. Start the SDK (NodeSDK, or a tracer provider with an AsyncLocalStorageContextManager) before the app is created.',
  started: () => 'Tracing through @opentelemetry/api: intake, queue, AI and connector spans',
} as const;
