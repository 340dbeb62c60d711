import { CliRefusedError, CliUsageError } from '../errors.js';
import { fillTemplates, templateRefs, type StepRecord } from './templates.js';

const STEPS: StepRecord[] = [
  { name: 'order', event: { id: 'wh-1', type: 'orders/create', body: { id: 4501, total_price: '418.00' } }, response: { status: 202, body: { status: 'accepted', id: 'wh-1' }, ms: 3 } },
  { event: { id: 'evt_2', type: 'payment_intent.succeeded', body: {} }, response: { status: 200, body: { status: 'duplicate' }, ms: 1 } },
];

describe('step templates', () => {
  it('fills by number (from 1) and by name; a whole-string template keeps the value’s type', () => {
    expect(fillTemplates('{{steps.order.event.body.id}}', STEPS)).toBe(4501);
    expect(fillTemplates('{{ steps.1.response.body }}', STEPS)).toEqual({ status: 'accepted', id: 'wh-1' });
    expect(fillTemplates('order {{steps.1.event.body.id}} is {{steps.2.response.body.status}}', STEPS)).toBe('order 4501 is duplicate');
    expect(fillTemplates({ a: ['{{steps.2.event.id}}'], b: 7 }, STEPS)).toEqual({ a: ['evt_2'], b: 7 });
  });

  it('names the template that cannot be filled: a bad reference is usage, a missing answer field a failed run', () => {
    expect(() => fillTemplates('{{steps.3.event.id}}', STEPS)).toThrow(CliUsageError);
    expect(() => fillTemplates('{{order.event.id}}', STEPS)).toThrow(CliUsageError);
    expect(() => fillTemplates('{{steps.order.response.body.nope}}', STEPS)).toThrow(new CliRefusedError("{{steps.order.response.body.nope}} cannot be filled: step order has nothing at 'nope'."));
  });

  it('lists the steps a value refers to, to check them before sending', () => {
    expect(templateRefs({ a: '{{steps.order.event.id}} and {{steps.2.response.status}}', b: ['{{nope}}'] })).toEqual(['order', '2', '']);
  });
});
