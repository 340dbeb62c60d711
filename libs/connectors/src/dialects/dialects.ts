import type { ConnectorKind } from '../interfaces/connector-options.interface.js';
import { genericDialect } from './generic.dialect.js';
import { githubDialect } from './github.dialect.js';
import { hubspotDialect } from './hubspot.dialect.js';
import type { ProviderDialect } from './provider-dialect.interface.js';
import { shopifyDialect } from './shopify.dialect.js';
import { slackDialect } from './slack.dialect.js';
import { stripeDialect } from './stripe.dialect.js';

/** The dialect of each connector kind. */
export const DIALECTS: Readonly<Record<ConnectorKind, ProviderDialect>> = {
  rest: genericDialect,
  slack: slackDialect,
  stripe: stripeDialect,
  shopify: shopifyDialect,
  hubspot: hubspotDialect,
  github: githubDialect,
};
