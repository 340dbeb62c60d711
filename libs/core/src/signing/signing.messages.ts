/** Why a signing call was refused: the caller's mistake, said with what to pass instead. */
export const signingMessages = {
  emptyId: (fn: string) => `${fn}: id must be a non-empty string, e.g. "msg_" followed by your job or event id.`,
  notWholeSeconds: (fn: string, got: number) =>
    `${fn}: timestamp must be whole unix seconds, e.g. Math.floor(Date.now() / 1000) (got ${String(got)}).`,
} as const;
