import { signWebhook } from '@aiwire/webhooks/testing';
import type { FixtureContext, ProviderFixtures } from '../fixtures/fixture.interface.js';
import { fixtureContext } from '../fixtures/fixture-context.js';
import { fixtureOf } from '../fixtures/providers.js';
import { applyOverrides, type Override } from './overrides.js';

/** What to send: a provider's fixture for `event`, or the user's own body, then the `--set` overrides. */
export interface DeliveryRequest {
  readonly provider: ProviderFixtures;
  /** Checked beforehand with `checkEvent`. */
  readonly event?: string | undefined;
  /** The user's own body (`--data`), sent instead of the fixture; copied before overrides apply. */
  readonly data?: unknown;
  /** The exact text of `data`, sent as it is when no override changes the body. */
  readonly dataRaw?: string | undefined;
  /**
   * `--set` overrides, applied in order.
   * @default []
   */
  readonly overrides?: readonly Override[];
  /**
   * hmac only: the header that carries the signature.
   * @default 'x-signature'
   */
  readonly header?: string | undefined;
  /**
   * hmac only: how the digest is written.
   * @default 'hex'
   */
  readonly encoding?: 'hex' | 'base64' | undefined;
}

/** One signed delivery, ready to POST as it is (twice, for `--duplicate`). */
export interface SignedDelivery {
  /** The id the receiver de-duplicates on, when the delivery has one (a Slack handshake has none). */
  readonly id: string | undefined;
  readonly event: string | undefined;
  /** The exact bytes signed and sent. */
  readonly raw: string;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/** Builds and signs one delivery with fresh ids and a fresh timestamp (a new `ctx` each call). */
export function buildDelivery(request: DeliveryRequest, secret: string, ctx: FixtureContext = fixtureContext()): SignedDelivery {
  const { provider, event } = request;
  const body = request.data !== undefined ? structuredClone(request.data) : fixtureOf(provider, event!)!(ctx, event!);
  applyOverrides(body, request.overrides ?? []);
  const untouched = request.dataRaw !== undefined && (request.overrides ?? []).length === 0;
  const raw = untouched ? request.dataRaw! : provider.serialize ? provider.serialize(body) : JSON.stringify(body);
  const { id, headerType } = provider.delivery(body, ctx, event);
  const headers = signWebhook(provider.scheme, secret, raw, {
    timestamp: ctx.now,
    id,
    type: headerType,
    header: request.header,
    encoding: request.encoding,
  });
  return { id, event: event ?? eventTypeOf(body), raw, body, headers };
}

/** The headers of `raw` as `provider` would sign it now (for `aiwire sign`): the bytes are not touched. */
export function signRaw(request: Omit<DeliveryRequest, 'data' | 'overrides'>, secret: string, raw: string, body: unknown): SignedDelivery {
  const ctx = fixtureContext();
  const { id, headerType } = request.provider.delivery(body, ctx, request.event);
  const headers = signWebhook(request.provider.scheme, secret, raw, {
    timestamp: ctx.now,
    id,
    type: headerType,
    header: request.header,
    encoding: request.encoding,
  });
  return { id, event: request.event ?? eventTypeOf(body), raw, body, headers };
}

function eventTypeOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const type = record.type ?? record.event_type;
  return typeof type === 'string' ? type : undefined;
}
