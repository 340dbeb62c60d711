// The demo shop's catalogue, people and history, as data: `demo-shop.seed.ts` loads it. Fixed values
// only (no randomness), so every sandbox starts with the same shop and tests can name what they use.

/** The four original products, then eight more across six categories (three of them low on stock). */
export const DEMO_PRODUCTS = {
  headphones: { id: 8_790_123_450_001, title: 'Aurora Wireless Headphones', vendor: 'Aurora Audio', productType: 'Headphones', category: 'audio', price: 129, sku: 'AUR-HP-01' },
  shoes: { id: 8_790_123_450_002, title: 'Nimbus Running Shoes', vendor: 'Nimbus', productType: 'Shoes', category: 'footwear', price: 89.95, sku: 'NIM-RS-42' },
  mug: { id: 8_790_123_450_003, title: 'Terra Ceramic Mug', vendor: 'Terra Goods', productType: 'Kitchen', category: 'kitchen', price: 24.5, sku: 'TER-MUG-12' },
  lamp: { id: 8_790_123_450_004, title: 'Lumen Desk Lamp', vendor: 'Lumen', productType: 'Lighting', category: 'lighting', price: 59, sku: 'LUM-DL-01' },
  earbuds: { id: 8_790_123_450_101, title: 'Aurora Pro Earbuds', vendor: 'Aurora Audio', productType: 'Earbuds', category: 'audio', price: 149, sku: 'AUR-EB-02', stock: 6, tags: 'audio, wireless, bestseller', description: '<p>Adaptive noise cancelling, 8 hours per charge, wireless case.</p>' },
  speaker: { id: 8_790_123_450_102, title: 'Echo Bluetooth Speaker', vendor: 'Aurora Audio', productType: 'Speakers', category: 'audio', price: 79, sku: 'AUR-SP-03', stock: 41, tags: 'audio, wireless, outdoor', description: '<p>Splash-proof speaker with 20 hours of play.</p>' },
  boots: { id: 8_790_123_450_103, title: 'Nimbus Trail Hiking Boots', vendor: 'Nimbus', productType: 'Boots', category: 'footwear', price: 139.9, sku: 'NIM-HB-44', stock: 18, tags: 'footwear, outdoor, waterproof', description: '<p>Waterproof leather boots with a grippy Vibram sole.</p>' },
  pourover: { id: 8_790_123_450_104, title: 'Terra Pour-Over Coffee Set', vendor: 'Terra Goods', productType: 'Kitchen', category: 'kitchen', price: 42, sku: 'TER-PO-01', stock: 3, tags: 'kitchen, coffee, gift', description: '<p>Stoneware dripper, glass carafe and 40 filters.</p>' },
  bulbs: { id: 8_790_123_450_105, title: 'Lumen Smart Bulb 2-Pack', vendor: 'Lumen', productType: 'Lighting', category: 'lighting', price: 34.99, sku: 'LUM-SB-02', stock: 57, tags: 'lighting, smart-home', description: '<p>Dimmable warm-to-daylight E27 bulbs, app and voice control.</p>' },
  backpack: { id: 8_790_123_450_106, title: 'Nomad Leather Backpack', vendor: 'Nomad & Co', productType: 'Backpacks', category: 'bags', price: 189, sku: 'NOM-BP-01', stock: 4, tags: 'bags, leather, travel', description: '<p>Full-grain leather, padded 16" laptop sleeve.</p>' },
  bottle: { id: 8_790_123_450_107, title: 'Summit Insulated Bottle 750 ml', vendor: 'Summit Gear', productType: 'Bottles', category: 'outdoor', price: 29.5, sku: 'SUM-BT-75', stock: 64, tags: 'outdoor, hydration', description: '<p>Keeps drinks cold for 24 hours, hot for 12.</p>' },
  lantern: { id: 8_790_123_450_108, title: 'Summit Camping Lantern', vendor: 'Summit Gear', productType: 'Lanterns', category: 'outdoor', price: 49, sku: 'SUM-LN-01', stock: 22, tags: 'outdoor, camping, rechargeable', description: '<p>Rechargeable 400-lumen lantern with a power-bank port.</p>' },
} as const;

export type DemoProductKey = keyof typeof DEMO_PRODUCTS;

interface Person {
  key: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  city: string;
  province: string;
  zip: string;
  country: string;
  countryCode: string;
  language: string;
  tags: string;
  /** Days ago the customer signed up. */
  since: number;
}

/** Twelve more customers, in Shopify, Stripe and HubSpot alike (HubSpot contacts `106`…`117`, in this order). */
export const DEMO_PEOPLE = [
  { key: 'elise', firstName: 'Élise', lastName: 'Moreau', email: 'elise.moreau@example.fr', phone: '+33142685301', city: 'Paris', province: 'Île-de-France', zip: '75011', country: 'France', countryCode: 'FR', language: 'fr', tags: 'vip, newsletter', since: 210 },
  { key: 'tomasz', firstName: 'Tomasz', lastName: 'Kowalski', email: 'tomasz.kowalski@example.pl', phone: '+48126345502', city: 'Kraków', province: 'Małopolskie', zip: '31-042', country: 'Poland', countryCode: 'PL', language: 'pl', tags: 'outdoor', since: 150 },
  { key: 'giulia', firstName: 'Giulia', lastName: 'Bianchi', email: 'giulia.bianchi@example.it', phone: '+390287345503', city: 'Milano', province: 'Lombardia', zip: '20121', country: 'Italy', countryCode: 'IT', language: 'it', tags: 'coffee', since: 140 },
  { key: 'jonas', firstName: 'Jonas', lastName: 'Becker', email: 'jonas.becker@example.de', phone: '+4930901845504', city: 'Berlin', province: 'Berlin', zip: '10115', country: 'Germany', countryCode: 'DE', language: 'de', tags: '', since: 120 },
  { key: 'amelie', firstName: 'Amélie', lastName: 'Dubois', email: 'amelie.dubois@example.fr', phone: '+33478425505', city: 'Lyon', province: 'Auvergne-Rhône-Alpes', zip: '69002', country: 'France', countryCode: 'FR', language: 'fr', tags: '', since: 95 },
  { key: 'katarzyna', firstName: 'Katarzyna', lastName: 'Nowak', email: 'katarzyna.nowak@example.pl', phone: '+48226285506', city: 'Warszawa', province: 'Mazowieckie', zip: '00-950', country: 'Poland', countryCode: 'PL', language: 'pl', tags: '', since: 80 },
  { key: 'lukas', firstName: 'Lukas', lastName: 'Fischer', email: 'lukas.fischer@example.de', phone: '+4989234565507', city: 'München', province: 'Bayern', zip: '80331', country: 'Germany', countryCode: 'DE', language: 'de', tags: '', since: 70 },
  { key: 'marco', firstName: 'Marco', lastName: 'Ricci', email: 'marco.ricci@example.it', phone: '+390646825508', city: 'Roma', province: 'Lazio', zip: '00184', country: 'Italy', countryCode: 'IT', language: 'it', tags: '', since: 65 },
  { key: 'hannah', firstName: 'Hannah', lastName: 'Wright', email: 'hannah.wright@example.com', phone: '+12065550109', city: 'Seattle', province: 'Washington', zip: '98101', country: 'United States', countryCode: 'US', language: 'en', tags: '', since: 60 },
  { key: 'daniel', firstName: 'Daniel', lastName: 'Okafor', email: 'daniel.okafor@example.com', phone: '+17135550110', city: 'Houston', province: 'Texas', zip: '77002', country: 'United States', countryCode: 'US', language: 'en', tags: '', since: 45 },
  { key: 'priya', firstName: 'Priya', lastName: 'Natarajan', email: 'priya.natarajan@example.com', phone: '+15125550111', city: 'Austin', province: 'Texas', zip: '78701', country: 'United States', countryCode: 'US', language: 'en', tags: 'new', since: 9 },
  { key: 'zofia', firstName: 'Zofia', lastName: 'Wiśniewska', email: 'zofia.wisniewska@example.pl', phone: '+48583015512', city: 'Gdańsk', province: 'Pomorskie', zip: '80-831', country: 'Poland', countryCode: 'PL', language: 'pl', tags: 'new', since: 2 },
] as const satisfies readonly Person[];

/** The twelve customers added to the original three. */
export type DemoNewPersonKey = (typeof DEMO_PEOPLE)[number]['key'];
export type DemoPersonKey = 'maya' | 'liam' | 'sofia' | DemoNewPersonKey;

export interface HistoryOrder {
  customer: DemoNewPersonKey;
  /** Days ago it was placed. */
  days: number;
  items: readonly (readonly [DemoProductKey, number])[];
  refunded?: boolean;
  cancelled?: boolean;
  risk?: readonly ['normal' | 'elevated', number];
}

/**
 * Forty past orders over the last 60 days: co-purchases (audio with audio, boots with bottles and
 * lanterns, mugs with the pour-over set, lamps with bulbs) and a rising trend for outdoor gear and
 * the pour-over set, which is nearly sold out.
 */
export const DEMO_HISTORY: readonly HistoryOrder[] = [
  { customer: 'elise', days: 58, items: [['headphones', 1], ['speaker', 1]] },
  { customer: 'jonas', days: 57, items: [['shoes', 1]] },
  { customer: 'tomasz', days: 55, items: [['boots', 1], ['bottle', 1]] },
  { customer: 'giulia', days: 52, items: [['mug', 2], ['pourover', 1]] },
  { customer: 'elise', days: 50, items: [['backpack', 1]] },
  { customer: 'hannah', days: 48, items: [['mug', 2]] },
  { customer: 'amelie', days: 46, items: [['headphones', 1]] },
  { customer: 'tomasz', days: 44, items: [['lantern', 1]] },
  { customer: 'elise', days: 41, items: [['earbuds', 1], ['speaker', 1]] },
  { customer: 'jonas', days: 40, items: [['boots', 1], ['lantern', 1]] },
  { customer: 'daniel', days: 38, items: [['speaker', 1]], cancelled: true },
  { customer: 'giulia', days: 37, items: [['lamp', 1]] },
  { customer: 'katarzyna', days: 35, items: [['bulbs', 2]] },
  { customer: 'elise', days: 33, items: [['lamp', 1], ['bulbs', 2]] },
  { customer: 'tomasz', days: 30, items: [['headphones', 1]] },
  { customer: 'lukas', days: 29, items: [['boots', 1]] },
  { customer: 'jonas', days: 27, items: [['bottle', 1]], refunded: true },
  { customer: 'amelie', days: 26, items: [['speaker', 1]] },
  { customer: 'elise', days: 24, items: [['pourover', 1], ['mug', 2]] },
  { customer: 'giulia', days: 22, items: [['pourover', 1]] },
  { customer: 'marco', days: 21, items: [['shoes', 1], ['bottle', 1]] },
  { customer: 'tomasz', days: 19, items: [['bottle', 2], ['lantern', 1]] },
  { customer: 'katarzyna', days: 18, items: [['lamp', 1], ['bulbs', 1]] },
  { customer: 'hannah', days: 16, items: [['pourover', 1], ['mug', 1]] },
  { customer: 'elise', days: 15, items: [['backpack', 1], ['bottle', 2]] },
  { customer: 'jonas', days: 14, items: [['speaker', 1], ['earbuds', 1]] },
  { customer: 'giulia', days: 12, items: [['mug', 1], ['pourover', 1]] },
  { customer: 'daniel', days: 11, items: [['headphones', 1], ['earbuds', 1]] },
  { customer: 'lukas', days: 10, items: [['bottle', 1], ['lantern', 1]] },
  { customer: 'tomasz', days: 9, items: [['backpack', 1]], risk: ['elevated', 67] },
  { customer: 'elise', days: 8, items: [['earbuds', 1]] },
  { customer: 'katarzyna', days: 7, items: [['pourover', 1]] },
  { customer: 'amelie', days: 6, items: [['pourover', 1], ['mug', 1]] },
  { customer: 'jonas', days: 5, items: [['lantern', 1], ['bottle', 2]] },
  { customer: 'tomasz', days: 4, items: [['boots', 1], ['bottle', 1]] },
  { customer: 'giulia', days: 3, items: [['bulbs', 2], ['lamp', 1]] },
  { customer: 'hannah', days: 3, items: [['earbuds', 1]] },
  { customer: 'elise', days: 2, items: [['lantern', 1], ['bottle', 1]] },
  { customer: 'priya', days: 2, items: [['bottle', 1], ['lantern', 1]] },
  { customer: 'marco', days: 1, items: [['backpack', 1]] },
];

export interface PastTicket {
  customer: DemoNewPersonKey;
  days: number;
  subject: string;
  content: string;
  category: 'PRODUCT_ISSUE' | 'BILLING_ISSUE' | 'FEATURE_REQUEST' | 'GENERAL_INQUIRY';
  priority: 'LOW' | 'MEDIUM' | 'HIGH';
  /** HubSpot's default pipeline: 1 new, 2 waiting on contact, 3 waiting on us, 4 closed. */
  stage: '1' | '2' | '3' | '4';
}

/** Past support tickets in HubSpot, on the contacts of three customers. */
export const DEMO_TICKETS: readonly PastTicket[] = [
  { customer: 'elise', days: 20, subject: 'Écouteurs : le côté gauche ne charge plus', content: "Bonjour, l'écouteur gauche de mes Aurora Pro ne charge plus depuis une semaine. Pouvez-vous me proposer un échange ?", category: 'PRODUCT_ISSUE', priority: 'MEDIUM', stage: '4' },
  { customer: 'tomasz', days: 12, subject: 'Opóźniona dostawa zamówienia', content: 'Dzień dobry, moje zamówienie z butami trekkingowymi jeszcze nie dotarło, a minęło już 10 dni.', category: 'GENERAL_INQUIRY', priority: 'MEDIUM', stage: '4' },
  { customer: 'tomasz', days: 3, subject: 'Zwrot pieniędzy za plecak', content: 'Plecak ma rozdarty szew przy kieszeni. Proszę o zwrot pieniędzy.', category: 'BILLING_ISSUE', priority: 'HIGH', stage: '2' },
  { customer: 'giulia', days: 10, subject: 'Tazza arrivata scheggiata', content: 'Buongiorno, una delle due tazze è arrivata con il bordo scheggiato. Potete sostituirla?', category: 'PRODUCT_ISSUE', priority: 'LOW', stage: '4' },
];
