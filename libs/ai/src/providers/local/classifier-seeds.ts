/**
 * Built-in English keywords for labels that support and e-commerce teams use most. They give
 * `local` a working keyword model for `classify(text, ['billing', 'shipping', ...])` without
 * training data; add your own with the provider's `labels` option.
 */
export const CLASSIFIER_SEEDS: Readonly<Record<string, readonly string[]>> = {
  billing: ['bill', 'billing', 'invoice', 'charge', 'charged', 'overcharged', 'payment', 'pay', 'paid', 'price', 'card', 'subscription', 'fee', 'cost', 'receipt', 'vat', 'tax', 'twice', 'credit'],
  payment: ['payment', 'pay', 'paid', 'card', 'declined', 'charge', 'checkout', 'paypal', 'transaction', 'invoice'],
  refund: ['refund', 'refunded', 'money', 'back', 'return', 'reimburse', 'chargeback', 'cancel'],
  shipping: ['ship', 'shipping', 'shipped', 'shipment', 'delivery', 'deliver', 'delivered', 'package', 'parcel', 'courier', 'tracking', 'track', 'arrive', 'arrived', 'late', 'delay', 'delayed', 'lost', 'address', 'dispatch', 'carrier', 'postal'],
  delivery: ['delivery', 'deliver', 'delivered', 'package', 'parcel', 'courier', 'tracking', 'arrive', 'arrived', 'late', 'lost', 'address'],
  product: ['product', 'quality', 'broken', 'defect', 'defective', 'size', 'color', 'colour', 'fit', 'damaged', 'item', 'material', 'feature', 'works', 'stopped', 'battery', 'sound', 'screen', 'fabric'],
  account: ['account', 'login', 'log', 'password', 'sign', 'signin', 'email', 'username', 'profile', 'locked', 'reset', 'verification', 'two-factor'],
  technical: ['error', 'bug', 'crash', 'crashes', 'app', 'website', 'page', 'load', 'loading', 'slow', 'broken', 'api', 'timeout', 'server'],
  bug: ['bug', 'error', 'crash', 'crashes', 'broken', 'exception', 'fails', 'glitch'],
  complaint: ['complaint', 'unacceptable', 'disappointed', 'angry', 'terrible', 'awful', 'worst', 'rude', 'never'],
  praise: ['thanks', 'thank', 'great', 'love', 'excellent', 'amazing', 'awesome', 'perfect', 'happy'],
  question: ['how', 'what', 'when', 'where', 'why', 'can', 'could', 'question', 'wondering'],
  cancellation: ['cancel', 'cancellation', 'unsubscribe', 'terminate', 'stop', 'close'],
  returns: ['return', 'returns', 'exchange', 'send', 'back', 'label', 'rma'],
  spam: ['winner', 'prize', 'free', 'click', 'crypto', 'bitcoin', 'lottery', 'viagra', 'offer', 'unsubscribe'],
  sales: ['pricing', 'quote', 'demo', 'enterprise', 'plan', 'discount', 'buy', 'purchase', 'bulk'],
};

/** Labels that mean "none of the others": chosen, with low confidence, when no keyword matches. */
export const CATCH_ALL_LABELS: ReadonlySet<string> = new Set(['other', 'others', 'misc', 'miscellaneous', 'general', 'unknown', 'none']);
