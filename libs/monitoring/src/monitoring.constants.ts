/** The resolved options (`ResolvedMonitoringOptions`). */
export const MONITORING_OPTIONS = Symbol('aiwire:monitoring:options');
/** Monitoring's own Redis connection (undefined when `redis` is absent). */
export const MONITORING_REDIS = Symbol('aiwire:monitoring:redis');
/** Where the metrics, health and admin routes are mounted (`ResolvedMonitoringRoutes`). */
export const MONITORING_ROUTES = Symbol('aiwire:monitoring:routes');
/** Whether this module turned correlation ids on (`enableCorrelation()` of @aiwire/core): logs or tracing are on. */
export const MONITORING_CORRELATION = Symbol('aiwire:monitoring:correlation');
