/** What the tail part says; each message says what to do. */
export const tailMessages = {
  publishFailing: (reason: string) => `aiwire tail: lines cannot be published to Redis (${reason}); the tail misses them until Redis answers again`,
  discoveryFailed: (name: string) => `aiwire tail: the app's secrets could not all be read (${name}); tail lines still go out with credential fields redacted`,
} as const;
