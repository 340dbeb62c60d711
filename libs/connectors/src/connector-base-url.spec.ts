import { applyBaseUrlRules } from './connector-base-url.js';
import type { ConnectorOptions } from './interfaces/connector-options.interface.js';

const base = (kind: ConnectorOptions['kind'], url: string, extra: Partial<ConnectorOptions> = {}) => {
  const resolved = applyBaseUrlRules(new URL(url), { kind, shop: 'demo.myshopify.com', baseUrl: url, ...extra } as ConnectorOptions);
  return 'why' in resolved ? resolved : { url: resolved.url.href, apiVersion: resolved.apiVersion };
};

describe('baseUrl rules per connector kind', () => {
  it.each([
    ['slack', 'https://slack.com/api/', 'https://slack.com/'],
    ['slack', 'https://slack-gov.com/api', 'https://slack-gov.com/'],
    ['stripe', 'https://api.stripe.com/v1', 'https://api.stripe.com/'],
    ['shopify', 'https://demo.myshopify.com/admin/', 'https://demo.myshopify.com/'],
    ['hubspot', 'https://api.hubapi.com/crm/v3/', 'https://api.hubapi.com/'],
    // A proxy's own prefix stays in front of the provider's paths.
    ['slack', 'https://gw.example.com/slack/api', 'https://gw.example.com/slack'],
    ['stripe', 'https://gw.example.com/stripe/', 'https://gw.example.com/stripe'],
    ['shopify', 'https://gw.example.com/shop-a/admin/api/2025-01', 'https://gw.example.com/shop-a'],
    ['hubspot', 'https://gw.example.com/crm-proxy', 'https://gw.example.com/crm-proxy'],
    ['hubspot', 'https://gw.example.com/crm', 'https://gw.example.com/crm'],
    // GitHub Enterprise Server serves the REST API under /api/v3; the paths go after it.
    ['github', 'https://ghe.example.com/api/v3/', 'https://ghe.example.com/api/v3'],
    ['github', 'https://api.github.com/', 'https://api.github.com/'],
    ['rest', 'https://erp.example.com/api/v1/', 'https://erp.example.com/api/v1'],
  ] as const)('%s %s → %s', (kind, url, expected) => {
    expect(base(kind, url)).toMatchObject({ url: expected });
  });

  it('takes the Shopify version from the URL, or keeps a matching apiVersion', () => {
    expect(base('shopify', 'https://demo.myshopify.com/admin/api/unstable')).toEqual({ url: 'https://demo.myshopify.com/', apiVersion: 'unstable' });
    expect(base('shopify', 'https://demo.myshopify.com/admin/api/2024-10', { apiVersion: '2024-10' })).toEqual({ url: 'https://demo.myshopify.com/', apiVersion: '2024-10' });
    expect(base('shopify', 'https://demo.myshopify.com/admin/api/2024-13')).toMatchObject({ why: expect.stringContaining('"2024-13" where the Admin API version goes') });
  });
});
