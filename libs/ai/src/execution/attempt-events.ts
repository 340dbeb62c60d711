import { attemptChannel } from '../ai.channels.js';
import type { ProviderReply } from '../providers/ai-provider.interface.js';
import { genAiAttributes } from './gen-ai-attributes.js';
import type { PreparedRequest } from './prepared-request.js';
import type { ProviderEntry } from './provider-registry.js';
import type { Verdict } from './retry-policy.js';

export interface AttemptFacts {
  entry: ProviderEntry;
  request: PreparedRequest;
  model: string;
  attempt: number;
  outcome: 'success' | 'retry' | 'failed';
  started: number;
  reply?: ProviderReply;
  error?: unknown;
  verdict?: Verdict;
  delayMs?: number;
}

/** Publishes one attempt on `aiwire:ai:attempt` (nothing is built when nobody listens). */
export function publishAttempt(facts: AttemptFacts): void {
  if (!attemptChannel.hasSubscribers) return;
  const { entry, request, model, verdict, delayMs } = facts;
  attemptChannel.publish({
    provider: entry.provider.name,
    attempt: facts.attempt,
    outcome: facts.outcome,
    durationMs: Date.now() - facts.started,
    ...(verdict?.status !== undefined && { status: verdict.status }),
    ...(delayMs !== undefined && { delayMs }),
    ...(facts.outcome === 'failed' && verdict && { reason: verdict.reason }),
    attributes: genAiAttributes(entry.provider, request, model, facts.reply, facts.error),
  });
}
