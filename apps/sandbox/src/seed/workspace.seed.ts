import type { SandboxCredentials } from '../interfaces/sandbox-options.interface.js';
import type { SandboxState } from '../state/sandbox-state.js';

/** What exists even without demo data: the Slack workspace, the GitHub repository, the OAuth client. */
export function setUpWorkspace(state: SandboxState, credentials: Readonly<SandboxCredentials>): void {
  const slack = state.slack;
  slack.addChannel({ id: 'C0AIWGENRL1', name: 'general', topic: 'Company-wide announcements', numMembers: 42 });
  slack.addChannel({ id: 'C0AIWSUPRT2', name: 'support', topic: 'Customer issues, triaged by aiwire', numMembers: 12 });
  slack.addChannel({ id: 'C0AIWALRTS3', name: 'alerts', purpose: 'Fraud and payment alerts', numMembers: 6 });
  slack.addChannel({ id: 'C0AIWREVWS4', name: 'reviews', purpose: 'Product reviews with AI sentiment', numMembers: 9 });
  slack.addChannel({ id: 'C0AIWSALES5', name: 'sales', isMember: false, numMembers: 15 });
  slack.addChannel({ id: 'C0AIWFINAN6', name: 'finance', isPrivate: true, numMembers: 4 });
  slack.addChannel({ id: 'C0AIWOLDPR7', name: 'old-launch', isArchived: true, numMembers: 3 });
  slack.addChannel({ id: 'C0AIWPURCH8', name: 'purchasing', purpose: 'Stock alerts and draft purchase orders', numMembers: 5 });

  state.github.addRepo('aiwire-demo/storefront');

  state.oauth.addClient(credentials.oauthClientId, credentials.oauthClientSecret);
  state.oauth.issueRefreshToken(credentials.oauthClientId, 'crm.objects.contacts.read crm.objects.contacts.write tickets', credentials.oauthRefreshToken);
}
