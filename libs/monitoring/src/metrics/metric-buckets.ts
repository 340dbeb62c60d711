/**
 * Histogram buckets. The OpenTelemetry semantic conventions advise them for `http.client.request.duration`,
 * `gen_ai.client.operation.duration` and `gen_ai.client.token.usage`; handlers get the HTTP ones
 * stretched to a minute, since a handler may wait for an AI call.
 */
export const BUCKETS = {
  /** OTel `http.client.request.duration`, seconds. */
  httpClientSeconds: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
  /** OTel `gen_ai.client.operation.duration`, seconds. */
  genAiSeconds: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
  /** OTel `gen_ai.client.token.usage`, tokens. */
  genAiTokens: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864],
  /** Webhook handlers, seconds. */
  handlerSeconds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
} as const;
