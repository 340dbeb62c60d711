import type { ProviderFixtures } from '../fixtures/fixture.interface.js';
import { EVENT_TYPE, PROVIDER_NAMES, providerNamed } from '../fixtures/providers.js';
import { CliUsageError } from '../errors.js';
import { nearest } from '../nearest.js';
import { sendMessages } from './send.messages.js';

/** The provider called `name`; unknown names list what exists and suggest the nearest. */
export function lookUpProvider(name: string): ProviderFixtures {
  const provider = providerNamed(name);
  if (!provider) throw new CliUsageError(sendMessages.unknownProvider(name, PROVIDER_NAMES, nearest(name, PROVIDER_NAMES)));
  return provider;
}

/**
 * Checks the event named for `provider`. A fixture provider needs one of its fixtures, unless the
 * body is the user's own (`--data`); an any-type provider needs a well-formed type.
 */
export function checkEvent(provider: ProviderFixtures, event: string | undefined, ownBody: boolean): void {
  const events = Object.keys(provider.events);
  if (event === undefined) {
    if (!ownBody) throw new CliUsageError(sendMessages.missingEvent(provider.name, events));
    if (provider.typeInHeader) throw new CliUsageError(sendMessages.eventForHeader(provider.name));
    return;
  }
  if (!EVENT_TYPE.test(event)) throw new CliUsageError(sendMessages.badEventType(event));
  if (ownBody || provider.anyType || Object.hasOwn(provider.events, event)) return;
  throw new CliUsageError(sendMessages.unknownEvent(provider.name, event, events, nearest(event, events)));
}
