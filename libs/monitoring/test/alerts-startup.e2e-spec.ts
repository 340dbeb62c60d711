import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConnectorsModule } from '@aiwire/connectors';
import { MonitoringConfigurationError, MonitoringModule, type MonitoringAlertsOptions, type MonitoringModuleOptions } from '@aiwire/monitoring';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { REDIS_URL, deleteKeys, uniquePrefix } from '../../../test/support/redis.js';

const SLACK = { kind: 'slack', connector: 'slack', channel: '#alerts' } as const;
const DEAD = [{ name: 'dead-letters', when: { deadLetters: { above: 0 } } }];
const REJECTED = [{ name: 'webhook-401s', when: { metric: 'webhook_rejected', reason: 'signature', over: '5m', above: 10 } }] as MonitoringAlertsOptions['rules'];

/** The error an app with these modules fails to start with. */
async function startupError(...imports: DynamicModule[]): Promise<Error> {
  @Module({ imports })
  class AppModule {}
  const started = await NestFactory.createApplicationContext(AppModule, { logger: new CapturingLogger(), abortOnError: false }).then(
    async (app) => {
      await app.close();
      return undefined;
    },
    (error: unknown) => error as Error,
  );
  if (!started) throw new Error('expected the app not to start');
  return started;
}

describe('alerts refuse to start with what cannot work, and say what to do', () => {
  const prefix = uniquePrefix('alerts-startup');
  const monitoring = (alerts: MonitoringAlertsOptions): DynamicModule => MonitoringModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: prefix, alerts });
  const connectors = (kind: 'slack' | 'stripe', name = 'slack'): DynamicModule =>
    ConnectorsModule.forRoot({ redis: { url: REDIS_URL }, keyPrefix: prefix, connectors: { [name]: { kind, auth: { type: 'bearer', token: 'xoxb-startup-test' }, baseUrl: 'http://127.0.0.1:9' } } });

  afterAll(async () => {
    await deleteKeys(prefix);
  });

  it('a Slack channel without ConnectorsModule', async () => {
    const error = await startupError(monitoring({ channel: SLACK, rules: REJECTED }));
    expect(error).toBeInstanceOf(MonitoringConfigurationError);
    expect(error.message).toBe(
      "MonitoringModule: alerts.channel is the Slack connector \"slack\", but ConnectorsModule is not imported; import ConnectorsModule.forRoot({ connectors: { slack: { kind: 'slack', ... } } }) in the app",
    );
  });

  it('a Slack channel naming a connector ConnectorsModule does not have', async () => {
    const error = await startupError(connectors('slack', 'ops-slack'), monitoring({ channel: SLACK, rules: REJECTED }));
    expect(error).toBeInstanceOf(MonitoringConfigurationError);
    expect(error.message).toBe('MonitoringModule: alerts.channel names connector "slack", which ConnectorsModule does not have (it has ops-slack); add it or name another');
  });

  it('a Slack channel naming a connector of another kind', async () => {
    const error = await startupError(connectors('stripe'), monitoring({ channel: SLACK, rules: REJECTED }));
    expect(error).toBeInstanceOf(MonitoringConfigurationError);
    expect(error.message).toBe("MonitoringModule: alerts.channel names connector \"slack\", a stripe connector; name a kind: 'slack' connector");
  });

  it('a deadLetters rule in an app without WebhookModule', async () => {
    const error = await startupError(connectors('slack'), monitoring({ channel: SLACK, rules: DEAD }));
    expect(error).toBeInstanceOf(MonitoringConfigurationError);
    expect(error.message).toMatch(/^MonitoringModule: alert rule "dead-letters" counts dead letters, but this app has no webhooks queue; import WebhookModule/);
  });

  it('an unknown metric, with forRoot and with forRootAsync', async () => {
    const rules = [{ name: 'typo', when: { metric: 'webhook_rejects', over: '5m', above: 1 } }] as unknown as MonitoringAlertsOptions['rules'];
    const expected = /^MonitoringModule: alert rule "typo": metric "webhook_rejects" does not exist; use one of webhook_rejected, webhook_dead, ai_error, http_error$/;
    const viaForRoot = await startupError(monitoring({ channel: SLACK, rules }));
    expect(viaForRoot).toBeInstanceOf(MonitoringConfigurationError);
    expect(viaForRoot.message).toMatch(expected);
    const options: MonitoringModuleOptions = { redis: { url: REDIS_URL }, keyPrefix: prefix, alerts: { channel: SLACK, rules } };
    const viaAsync = await startupError(MonitoringModule.forRootAsync({ useFactory: async () => options }));
    expect(viaAsync).toBeInstanceOf(MonitoringConfigurationError);
    expect(viaAsync.message).toMatch(expected);
  });

  it('an unknown reason', async () => {
    const rules: MonitoringAlertsOptions['rules'] = [{ name: 'r', when: { metric: 'webhook_rejected', reason: 'bad_signature', over: '5m', above: 1 } }];
    const error = await startupError(monitoring({ channel: SLACK, rules }));
    expect(error).toBeInstanceOf(MonitoringConfigurationError);
    expect(error.message).toMatch(/^MonitoringModule: alert rule "r": webhook_rejected has no reason "bad_signature"; use one of invalid_signature, forbidden, payload_too_large, invalid_json, rate_limited, .*, signature$/);
  });
});
