import { startSandbox, type Sandbox } from '../src/index.js';

type Json = Record<string, any>;
const json = async (res: Response): Promise<Json> => (await res.json()) as Json;

describe('Anthropic stand-in (Messages API)', () => {
  let sandbox: Sandbox;
  const post = (body: unknown, headers: Record<string, string | null> = {}) => {
    const all: Record<string, string | null> = { 'content-type': 'application/json', 'x-api-key': sandbox.credentials.anthropicApiKey, 'anthropic-version': '2023-06-01', ...headers };
    return fetch(`${sandbox.urls.anthropic}/v1/messages`, {
      method: 'POST',
      headers: Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== null)),
      body: JSON.stringify(body),
    });
  };
  const hello = { model: 'claude-haiku-4-5', max_tokens: 100, system: 'Be brief.', messages: [{ role: 'user', content: 'hello there' }] };
  const schema = { type: 'object', properties: { label: { type: 'string', enum: ['billing', 'shipping'] } }, required: ['label'] };

  afterEach(() => sandbox.close());

  describe('with default limits', () => {
    beforeEach(async () => {
      sandbox = await startSandbox();
    });

    it('answers a message with the echo, usage and the rate-limit headers (RFC 3339 resets)', async () => {
      const res = await post(hello);
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body).toMatchObject({
        type: 'message',
        role: 'assistant',
        model: 'claude-haiku-4-5',
        content: [{ type: 'text', text: 'Echo: hello there' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 3 + (3 + 4) + (3 + 4), output_tokens: 5 },
      });
      expect(body.id).toMatch(/^msg_01/);
      expect(res.headers.get('request-id')).toMatch(/^req_/);
      for (const name of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
        expect(Number(res.headers.get(`anthropic-ratelimit-${name}-limit`))).toBeGreaterThan(0);
        expect(res.headers.get(`anthropic-ratelimit-${name}-reset`)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }
      expect(res.headers.get('anthropic-ratelimit-requests-remaining')).toBe('3999');
    });

    it('forces a tool (structured output): a tool_use block whose input fits the schema, or the scripted one', async () => {
      const request = { ...hello, tools: [{ name: 'answer', description: 'Give the answer', input_schema: schema }], tool_choice: { type: 'tool', name: 'answer' } };
      const first = await json(await post(request));
      expect(first.stop_reason).toBe('tool_use');
      expect(first.content).toEqual([{ type: 'tool_use', id: expect.stringMatching(/^toolu_01/), name: 'answer', input: { label: 'billing' } }]);
      sandbox.state.anthropic.answers.push({ label: 'shipping' });
      expect((await json(await post(request))).content[0].input).toEqual({ label: 'shipping' });
      const native = await json(await post({ ...hello, output_config: { format: { type: 'json_schema', schema } } }));
      expect(JSON.parse(native.content[0].text)).toEqual({ label: 'billing' });
    });

    it('stops at max_tokens', async () => {
      const body = await json(await post({ ...hello, max_tokens: 2 }));
      expect(body).toMatchObject({ content: [{ text: 'Echo: he' }], stop_reason: 'max_tokens', usage: { output_tokens: 2 } });
    });

    it('refuses a missing or wrong key and a missing anthropic-version', async () => {
      const missing = await post(hello, { 'x-api-key': null });
      expect(missing.status).toBe(401);
      expect(await json(missing)).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: 'x-api-key header is required' }, request_id: expect.stringMatching(/^req_/) });
      expect((await post(hello, { 'x-api-key': 'sk-ant-wrong' })).status).toBe(401);
      const version = await post(hello, { 'anthropic-version': null });
      expect(version.status).toBe(400);
      expect((await json(version)).error.message).toBe('anthropic-version: header is required');
    });

    it('validates like Anthropic', async () => {
      const cases: [unknown, number, string][] = [
        [{ ...hello, max_tokens: undefined }, 400, 'max_tokens: Field required'],
        [{ ...hello, model: undefined }, 400, 'model: Field required'],
        [{ ...hello, messages: [] }, 400, 'messages: at least one message is required'],
        [{ ...hello, messages: [{ role: 'system', content: 'x' }] }, 400, "messages.0.role: Input should be 'user' or 'assistant'"],
        [{ ...hello, temperature: 1.5 }, 400, 'temperature: Input should be less than or equal to 1'],
        [{ ...hello, tool_choice: { type: 'tool', name: 'ghost' } }, 400, "Tool 'ghost' not found in provided tools"],
        [{ ...hello, model: 'claude-9' }, 404, 'model: claude-9'],
      ];
      for (const [body, status, message] of cases) {
        const res = await post(body);
        expect(res.status, message).toBe(status);
        expect((await json(res)).error.message).toBe(message);
      }
    });

    it('spend limit: 429 rate_limit_error with enforced_spend_limit_reached; low credit: 400', async () => {
      sandbox.state.anthropic.spendLimitReached = true;
      const res = await post(hello);
      expect(res.status).toBe(429);
      expect((await json(res)).error).toMatchObject({ type: 'rate_limit_error', details: { error_code: 'enforced_spend_limit_reached' } });
      expect(res.headers.get('retry-after')).toBeNull();
      sandbox.state.anthropic.spendLimitReached = false;
      sandbox.state.anthropic.creditBalanceTooLow = true;
      const credit = await post(hello);
      expect(credit.status).toBe(400);
      expect((await json(credit)).error.message).toContain('credit balance is too low');
    });

    it('faults: 529 overloaded_error, 500 api_error, 200 with malformed JSON', async () => {
      sandbox.faults.inject('anthropic', { status: 529 });
      sandbox.faults.inject('anthropic', { status: 500 });
      sandbox.faults.inject('anthropic', { status: 200 });
      const overloaded = await post(hello);
      expect(overloaded.status).toBe(529);
      expect((await json(overloaded)).error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
      expect((await json(await post(hello))).error.type).toBe('api_error');
      await expect(json(await post(hello))).rejects.toThrow();
    });
  });

  it('enforces requests per minute with retry-after in seconds', async () => {
    sandbox = await startSandbox({ limits: { anthropic: { rpm: 2 } } });
    expect([(await post(hello)).status, (await post(hello)).status]).toEqual([200, 200]);
    const res = await post(hello);
    expect(res.status).toBe(429);
    expect((await json(res)).error.type).toBe('rate_limit_error');
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
  });

  it('enforces output tokens per minute on max_tokens, then counts what was really produced', async () => {
    sandbox = await startSandbox({ limits: { anthropic: { outputTpm: 50 } } });
    const ok = await post({ ...hello, max_tokens: 50 });
    expect(ok.status).toBe(200);
    expect(Number(ok.headers.get('anthropic-ratelimit-output-tokens-remaining'))).toBeGreaterThanOrEqual(45);
    expect((await post({ ...hello, max_tokens: 51 })).status).toBe(429);
  });
});
