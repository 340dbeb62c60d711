/** The alerts' resolved options (`ResolvedAlertsOptions`), or undefined when `alerts` is off. */
export const ALERTS_OPTIONS = Symbol('aiwire:monitoring:alerts');
