import type { ConnectorKind } from '../interfaces/connector-options.interface.js';
import type { ConnectorKindDescriptor } from './connector-kind.interface.js';
import { githubKind } from './github.kind.js';
import { hubspotKind } from './hubspot.kind.js';
import { restKind } from './rest.kind.js';
import { shopifyKind } from './shopify.kind.js';
import { slackKind } from './slack.kind.js';
import { stripeKind } from './stripe.kind.js';

/** Every connector kind's descriptor; a new provider is one more line here and its own `*.kind.ts`. */
export const KINDS: { readonly [K in ConnectorKind]: ConnectorKindDescriptor<K> } = {
  rest: restKind,
  slack: slackKind,
  stripe: stripeKind,
  shopify: shopifyKind,
  hubspot: hubspotKind,
  github: githubKind,
};

/** The descriptor of `kind`, or undefined for a kind that does not exist. */
export function kindOf(kind: unknown): ConnectorKindDescriptor | undefined {
  return typeof kind === 'string' && Object.hasOwn(KINDS, kind) ? (KINDS[kind as ConnectorKind] as ConnectorKindDescriptor) : undefined;
}

/** The kinds that can register webhooks with their provider. */
export const WEBHOOK_KINDS: readonly ConnectorKind[] = (Object.keys(KINDS) as ConnectorKind[]).filter((k) => KINDS[k].webhooks !== undefined);
