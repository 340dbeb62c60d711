import { startSandbox, type Sandbox } from '../src/index.js';

type Json = Record<string, any>;
const json = async (res: Response): Promise<Json> => (await res.json()) as Json;

describe('OpenAI stand-in (Chat Completions, Models)', () => {
  let sandbox: Sandbox;
  const chat = (body: unknown, key: string | null = sandbox.credentials.openaiApiKey) =>
    fetch(`${sandbox.urls.openai}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key && { authorization: `Bearer ${key}` }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const hello = { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hello there' }] };

  afterEach(() => sandbox.close());

  describe('with default limits', () => {
    beforeEach(async () => {
      sandbox = await startSandbox();
    });

    it('answers a completion with the echo, usage, a dated model and rate-limit headers', async () => {
      const res = await chat({ ...hello, temperature: 0.2, max_tokens: 50 });
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body).toMatchObject({
        object: 'chat.completion',
        model: 'gpt-4o-mini-2024-07-18',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Echo: hello there', refusal: null }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3 + (3 + 4) + (3 + 4), completion_tokens: 5, total_tokens: 22 },
      });
      expect(body.id).toMatch(/^chatcmpl-/);
      expect(res.headers.get('x-request-id')).toMatch(/^req_/);
      expect(res.headers.get('x-ratelimit-limit-requests')).toBe('10000');
      expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('9999');
      expect(res.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(\.\d+)?ms$/);
      expect(res.headers.get('x-ratelimit-limit-tokens')).toBe('2000000');
      expect(res.headers.get('x-ratelimit-reset-tokens')).toMatch(/^\d+(\.\d+)?m?s$/);
      expect(sandbox.state.openai.completions[0]?.body).toMatchObject({ temperature: 0.2, max_tokens: 50 });
    });

    it('cuts the answer at max_tokens with finish_reason "length"', async () => {
      const body = await json(await chat({ ...hello, max_tokens: 2 }));
      expect(body.choices[0]).toMatchObject({ message: { content: 'Echo: he' }, finish_reason: 'length' });
      expect(body.usage.completion_tokens).toBe(2);
    });

    it('answers structured output with a schema instance, or with what the test scripted', async () => {
      const schema = { type: 'object', properties: { label: { type: 'string', enum: ['positive', 'negative'] }, score: { type: 'number' } }, required: ['label', 'score'], additionalProperties: false };
      const request = { ...hello, response_format: { type: 'json_schema', json_schema: { name: 'sentiment', schema, strict: true } } };
      const first = await json(await chat(request));
      expect(JSON.parse(first.choices[0].message.content)).toEqual({ label: 'positive', score: 0 });
      sandbox.state.openai.answers.push({ label: 'negative', score: -0.8 });
      sandbox.state.openai.answers.push('plain scripted text');
      const second = await json(await chat(request));
      expect(JSON.parse(second.choices[0].message.content)).toEqual({ label: 'negative', score: -0.8 });
      expect((await json(await chat(hello))).choices[0].message.content).toBe('plain scripted text');
      expect(sandbox.state.openai.answers.pending).toBe(0);
    });

    it('refuses missing and wrong keys with OpenAI’s 401 bodies', async () => {
      const missing = await chat(hello, null);
      expect(missing.status).toBe(401);
      expect((await json(missing)).error).toMatchObject({ type: 'invalid_request_error', code: null });
      const wrong = await chat(hello, 'sk-wrong-key-123456789');
      expect(wrong.status).toBe(401);
      const { error } = await json(wrong);
      expect(error).toEqual({ message: expect.stringContaining('Incorrect API key provided: sk-'), type: 'invalid_request_error', param: null, code: 'invalid_api_key' });
      expect(error.message).not.toContain('sk-wrong-key-123456789');
    });

    it('validates like OpenAI: bad JSON, missing fields, bad role, temperature, max_tokens on reasoning models, unknown model', async () => {
      const cases: [unknown, number, string | null][] = [
        ['{not json', 400, null],
        [{ messages: [] }, 400, null],
        [{ model: 'gpt-4o-mini' }, 400, 'missing_required_parameter'],
        [{ model: 'gpt-4o-mini', messages: [] }, 400, 'empty_array'],
        [{ model: 'gpt-4o-mini', messages: [{ role: 'robot', content: 'x' }] }, 400, 'invalid_value'],
        [{ ...hello, temperature: 3 }, 400, 'decimal_above_max_value'],
        [{ ...hello, model: 'gpt-5-mini', max_tokens: 10 }, 400, 'unsupported_parameter'],
        [{ ...hello, response_format: { type: 'json_schema', json_schema: { schema: {} } } }, 400, 'missing_required_parameter'],
        [{ ...hello, model: 'gpt-9' }, 404, 'model_not_found'],
      ];
      for (const [body, status, code] of cases) {
        const res = await chat(body);
        expect(res.status, JSON.stringify(body)).toBe(status);
        expect((await json(res)).error.code, JSON.stringify(body)).toBe(code);
      }
      expect((await chat({ ...hello, model: 'gpt-5-mini', max_completion_tokens: 10 })).status).toBe(200);
    });

    it('answers 429 insufficient_quota while the account has no credit', async () => {
      sandbox.state.openai.quotaExhausted = true;
      const res = await chat(hello);
      expect(res.status).toBe(429);
      expect((await json(res)).error).toMatchObject({ type: 'insufficient_quota', code: 'insufficient_quota' });
      expect(res.headers.get('retry-after')).toBeNull();
    });

    it('lists and gets models; Stripe keeps its own /v1 paths', async () => {
      const auth = { authorization: `Bearer ${sandbox.credentials.openaiApiKey}` };
      const list = await json(await fetch(`${sandbox.urls.openai}/v1/models`, { headers: auth }));
      expect(list.object).toBe('list');
      expect(list.data.map((m: { id: string }) => m.id)).toContain('gpt-4o-mini');
      expect((await fetch(`${sandbox.urls.openai}/v1/models/gpt-4.1`, { headers: auth })).status).toBe(200);
      expect((await fetch(`${sandbox.urls.openai}/v1/models/nope`, { headers: auth })).status).toBe(404);
      const stripe = await fetch(`${sandbox.urls.stripe}/v1/customers/cus_Sbxmaya000001`, { headers: { authorization: `Bearer ${sandbox.credentials.stripeSecretKey}` } });
      expect(stripe.status).toBe(200);
    });

    it('faults: a 429 with retry headers, a 200 with malformed JSON, a 500 server_error', async () => {
      sandbox.faults.inject('openai', { status: 429, headers: { 'retry-after-ms': '250' } });
      sandbox.faults.inject('openai', { status: 200 });
      sandbox.faults.inject('openai', { status: 500 });
      const limited = await chat(hello);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(limited.headers.get('retry-after-ms')).toBe('250');
      expect((await json(limited)).error.code).toBe('rate_limit_exceeded');
      const malformed = await chat(hello);
      expect(malformed.status).toBe(200);
      await expect(json(malformed)).rejects.toThrow();
      const failed = await chat(hello);
      expect((await json(failed)).error.type).toBe('server_error');
    });
  });

  describe('with a small quota', () => {
    it('enforces requests per minute with retry-after, retry-after-ms and a Go-duration reset', async () => {
      sandbox = await startSandbox({ limits: { openai: { rpm: 3 } } });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await chat(hello)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const res = await chat(hello);
      const { error } = await json(res);
      expect(error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
      expect(error.message).toContain('requests per min (RPM): Limit 3');
      expect(Number(res.headers.get('retry-after-ms'))).toBeGreaterThan(15_000);
      expect(Number(res.headers.get('retry-after-ms'))).toBeLessThanOrEqual(20_000);
      expect(res.headers.get('retry-after')).toBe('20');
      expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('0');
      expect(res.headers.get('x-ratelimit-reset-requests')).toMatch(/^(59\.\d+s|1m0s)$/);
    });

    it('enforces tokens per minute on prompt + max_tokens and gives unused tokens back', async () => {
      sandbox = await startSandbox({ limits: { openai: { tpm: 100 } } });
      const first = await chat({ ...hello, max_tokens: 60 });
      expect(first.status).toBe(200);
      // 17 prompt + 60 reserved, 5 used: 100 - 17 - 5 = 78 left (refill adds a little).
      expect(Number(first.headers.get('x-ratelimit-remaining-tokens'))).toBeGreaterThanOrEqual(78);
      const denied = await chat({ ...hello, max_tokens: 90 });
      expect(denied.status).toBe(429);
      expect((await json(denied)).error).toMatchObject({ type: 'tokens', code: 'rate_limit_exceeded' });
    });
  });
});
