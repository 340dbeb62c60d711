/** One no-op step: what the flow's steps and the plain Bull job's five calls run. */
export const noop = async (): Promise<{ ok: boolean }> => ({ ok: true });
