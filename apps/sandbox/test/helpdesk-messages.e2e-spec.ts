import { startSandbox, type Sandbox } from '../src/index.js';

type Json = Record<string, any>;

describe('Helpdesk stand-in: messages to customers, tickets by customer', () => {
  let sandbox: Sandbox;
  const hd = async (path: string, body?: unknown, key: string | null = 'hd_sandbox_key') => {
    const res = await fetch(`${sandbox.urls.helpdesk}/helpdesk/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...(key && { 'x-api-key': key }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeEach(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => sandbox.close());

  it('sends a message (201), keeps it in state and lists messages by recipient', async () => {
    const sent = await hd('messages', { to: 'maya.chen@example.com', subject: 'Payment received for #1005', body: 'Thank you, Maya.', order_id: 5923801956405 });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ id: expect.stringMatching(/^msg_/), to: 'maya.chen@example.com', subject: 'Payment received for #1005', body: 'Thank you, Maya.', ticket_id: null, order_id: '5923801956405', status: 'sent', created_at: expect.any(String) });
    await hd('messages', { to: 'liam.oconnor@example.com', subject: 'About your refund', body: 'It is on its way.', ticket_id: 'tkt_sbx0000000000001' });
    expect(sandbox.state.helpdesk.messages.map((m) => m.to)).toEqual(['maya.chen@example.com', 'liam.oconnor@example.com']);
    expect(sandbox.state.helpdesk.messagesTo('LIAM.oconnor@example.com')[0]?.ticket_id).toBe('tkt_sbx0000000000001');
    expect((await hd('messages?to=maya.chen@example.com')).body.data.map((m: Json) => m.id)).toEqual([sent.body.id]);
    expect((await hd('messages')).body.data).toHaveLength(2);
    expect((await hd(`messages/${sent.body.id as string}`)).body.subject).toBe('Payment received for #1005');
    expect((await hd('messages/msg_ghost')).status).toBe(404);
  });

  it('refuses a message without a valid recipient, subject or body (422) and without the API key (401)', async () => {
    expect(await hd('messages', { to: 'not-an-email', subject: 's', body: 'b' })).toEqual({ status: 422, body: { error: { code: 'validation_failed', message: 'to must be an email address.' } } });
    expect((await hd('messages', { to: 'a@example.com', subject: ' ', body: 'b' })).status).toBe(422);
    expect((await hd('messages', { to: 'a@example.com', subject: 's' })).status).toBe(422);
    expect((await hd('messages', { to: 'a@example.com', subject: 's', body: 'b' }, null)).status).toBe(401);
    expect(sandbox.state.helpdesk.messages).toHaveLength(0);
  });

  it('filters tickets by customer_email', async () => {
    await hd('tickets', { customer_email: 'maya.chen@example.com', subject: 'Lamp flickers', body: '...' });
    const liam = await hd('tickets?customer_email=Liam.OConnor@example.com');
    expect(liam.body.data.map((t: Json) => t.id)).toEqual(['tkt_sbx0000000000001']);
    expect((await hd('tickets?customer_email=maya.chen@example.com')).body.data.map((t: Json) => t.subject)).toEqual(['Lamp flickers']);
    expect((await hd('tickets')).body.data).toHaveLength(2);
  });
});
