import { checkPayment, formatMinor, toMinorUnits, type OrderFacts, type PaymentFacts } from './payment-checks.js';

const order: OrderFacts = { id: 5923801956401, name: '#1001', totalPrice: '139.64', currency: 'USD', customerId: 7390384554201, email: 'maya.chen@example.com' };
const payment: PaymentFacts = {
  id: 'pi_1', status: 'succeeded', amountReceived: 13964, currency: 'usd',
  customer: { id: 'cus_maya', email: 'maya.chen@example.com', shopifyCustomerId: '7390384554201' }, riskLevel: 'normal', riskScore: 8,
};
const failed = (p: PaymentFacts, o: OrderFacts | null = order) => checkPayment(p, o).filter((c) => !c.ok).map((c) => [c.check, c.detail]);

describe('minor units', () => {
  it('converts with each currency\'s exponent', () => {
    expect(toMinorUnits('139.64', 'USD')).toBe(13964);
    expect(toMinorUnits('0.29', 'usd')).toBe(29);
    expect(toMinorUnits('1500', 'JPY')).toBe(1500);
    expect(toMinorUnits('1.234', 'KWD')).toBe(1234);
    expect(formatMinor(13964, 'usd')).toBe('139.64 USD');
    expect(formatMinor(1500, 'jpy')).toBe('1500 JPY');
  });
});

describe('checkPayment', () => {
  it('passes a payment of the order\'s amount, currency and customer at normal risk', () => {
    expect(checkPayment(payment, order).map((c) => [c.check, c.ok])).toEqual([['status', true], ['order', true], ['currency', true], ['amount', true], ['customer', true], ['risk', true]]);
  });

  it('flags another amount, in both units', () => {
    expect(failed({ ...payment, amountReceived: 12000 })).toEqual([['amount', 'received 120.00 USD, the order totals 139.64 USD']]);
  });

  it('flags another currency, and the amount with it', () => {
    expect(failed({ ...payment, currency: 'eur' })).toEqual([['currency', 'paid in EUR, the order is in USD'], ['amount', 'received 139.64 EUR, the order totals 139.64 USD']]);
  });

  it('matches the customer by Shopify id first, then by email', () => {
    expect(failed({ ...payment, customer: { id: 'cus_x', email: 'maya.chen@example.com', shopifyCustomerId: '1' } })).toEqual([['customer', "cus_x is Shopify customer 1, the order is customer 7390384554201's"]]);
    expect(failed({ ...payment, customer: { id: 'cus_x', email: 'MAYA.chen@example.com', shopifyCustomerId: null } })).toEqual([]);
    expect(failed({ ...payment, customer: { id: 'cus_x', email: 'other@example.com', shopifyCustomerId: null } })).toEqual([['customer', "cus_x (other@example.com) does not match the order's customer (maya.chen@example.com)"]]);
    expect(failed({ ...payment, customer: null })).toEqual([['customer', 'the payment has no Stripe customer']]);
  });

  it('flags elevated and highest risk', () => {
    expect(failed({ ...payment, riskLevel: 'elevated', riskScore: 78 })).toEqual([['risk', 'Stripe risk elevated, score 78']]);
    expect(failed({ ...payment, riskLevel: 'highest', riskScore: 95 })).toEqual([['risk', 'Stripe risk highest, score 95']]);
  });

  it('flags a payment with no order, and one Stripe does not call succeeded', () => {
    expect(failed(payment, null)).toEqual([['order', 'no Shopify order matches the payment (metadata.shopify_order_id / order_name)']]);
    expect(failed({ ...payment, status: 'processing' })).toEqual([['status', 'Stripe says processing, not succeeded']]);
  });
});
