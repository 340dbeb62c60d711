import type { LanguageLexicon } from './language-lexicon.js';

/** Romanian: written with or without ă, â, î, ș, ț (folding makes them one). */
export const RO: LanguageLexicon = {
  topics: {
    billing: ['factur*', 'plată', 'plăți', 'plătit*', 'plătesc', 'plăti', 'achit*', 'retras', 'retrasă', 'retrag*', 'debit*', 'suma', 'sumă', 'sume', 'sumele', 'preț*', 'tarif*', 'taxă', 'taxe', 'card', 'cardul', 'cardului', 'abonament*', 'tva', 'chitanț*', 'bon', 'bonul', 'extras*', 'banca', 'bancă', 'bănci', 'transfer', 'reducere*', 'cupon*', 'cost', 'costă', 'costuri*', 'comision*', 'dublu'],
    payment: ['plată', 'plăți', 'plătit*', 'plăti', 'card', 'cardul', 'respins*', 'tranzacți*', 'paypal'],
    refund: ['ramburs*', 'banii', 'bani', 'înapoi', 'restitu*', 'returnat*', 'return*', 'despăgub*', 'compensați*'],
    shipping: ['livr*', 'expedi*', 'colet*', 'pachet*', 'curier*', 'urmărire', 'awb', 'tracking', 'ajung*', 'ajuns', 'sosi*', 'întârzi*', 'pierdut', 'adres*', 'easybox', 'locker*', 'sameday', 'cargus', 'dpd', 'gls', 'poșt*', 'transport*', 'ridic*', 'vamă', 'vama'],
    product: ['produs*', 'articol*', 'calitat*', 'stricat*', 'rupt*', 'defect*', 'deteriorat*', 'mărim*', 'culoare*', 'material*', 'funcțion*', 'baterie*', 'acumulator*', 'ecran*', 'țesătur*', 'crăpat*', 'fisur*', 'curge', 'scurge*', 'zgâriat*', 'fermoar*', 'cusătur*', 'descus*', 'nasture*', 'model*', 'garanți*', 'repar*', 'înlocui*', 'montaj', 'încarc*', 'cablu*', 'ștecher*', 'dispozitiv*', 'aparat*', 'uzat*', 'defecți*'],
    account: ['cont', 'contul', 'contului', 'conturi', 'conturile', 'autentific*', 'logar*', 'login', 'parol*', 'profil*', 'e-mail', 'email', 'mail*', 'blocat', 'reset*', 'verificar*', 'înregistr*', 'date', 'datele', 'personale', 'gdpr', 'șterg*', 'șters*', 'newsletter', 'utilizator*'],
    technical: ['eroare', 'erori*', 'bug*', 'crash', 'aplicați*', 'site', 'site-ul', 'pagin*', 'încărcare', 'lent*', 'server*', 'blocat*', 'browser*'],
    complaint: ['reclamați*', 'plângere*', 'nemulțum*'],
    praise: ['felicitări', 'laude', 'bravo', 'mulțum*', 'mersi'],
    question: ['cum', 'când', 'unde', 'cât', 'câte', 'câți', 'întrebare*', 'posibil', 'există', 'compatibil*'],
    cancellation: ['anul*', 'reziliere', 'dezabon*', 'renunț*'],
    returns: ['retur*', 'return*', 'schimb*', 'etichet*'],
    spam: ['câștig*', 'premiu', 'gratuit*', 'gratis', 'click', 'crypto', 'bitcoin', 'loterie', 'ofert*'],
    sales: ['cotați*', 'demo', 'firm*', 'compani*', 'reducere*', 'cumpăr*', 'achiziți*', 'angro', 'distribuitor*', 'revânz*', 'parteneriat*', 'colaborar*'],
    urgent: ['urgent*', 'repede', 'rapid', 'imediat', 'grab*', 'azi', 'astăzi', 'mâine', 'luni', 'marți', 'miercuri', 'joi', 'vineri', 'sâmbătă', 'duminică', 'până', 'nevoie', 'express', 'prioritar*'],
    gift: ['cadou*', 'cadour*', 'aniversar*', 'naștere', 'crăciun*', 'ambal*', 'împachet*', 'surpriz*', 'nuntă', 'botez', 'preț*', 'bon', 'bonul', 'factur*', 'felicitare'],
    instructions: ['lăsa*', 'vecin*', 'ușă', 'ușa', 'ușii', 'poart*', 'sonerie', 'suna*', 'interfon*', 'etaj*', 'apartament*', 'bloc', 'blocul', 'scara', 'scară', 'cod', 'codul', 'portar*', 'recepți*', 'cutia', 'curte', 'garaj*', 'intrare*'],
    audio: ['căști', 'cască', 'casca', 'boxă', 'boxa', 'boxe', 'boxele', 'difuzor*', 'sunet*', 'bas', 'basul', 'bași', 'audio', 'bluetooth', 'zgomot*', 'microfon*', 'volum*', 'muzic*', 'soundbar*', 'amplificator*', 'stereo'],
    footwear: ['pantof*', 'adidaș*', 'ghete', 'ghet*', 'cizm*', 'sandal*', 'toc', 'tocul', 'tocuri', 'talp*', 'branț*', 'șiret*', 'încălțăm*', 'papuc*', 'mocasin*', 'alerg*', 'picior*', 'degete', 'bășic*', 'mărime', 'mărimea'],
    kitchen: ['bucătări*', 'tigai*', 'tigaie', 'oal*', 'cratiț*', 'fierbător*', 'ceainic*', 'blender*', 'mixer*', 'robot*', 'cuțit*', 'cafea', 'cafeaua', 'espressor*', 'prăjitor*', 'cuptor*', 'gătit', 'găt*', 'coace', 'copt', 'aluat*', 'pâine', 'farfuri*', 'cană', 'căni', 'vase', 'inducți*', 'plit*', 'aragaz*', 'microunde', 'frigider*', 'rețet*', 'tacâmuri', 'pahar*'],
    lighting: ['lamp*', 'lumin*', 'iluminat*', 'bec', 'becul', 'becuri*', 'led', 'abajur*', 'candelabr*', 'lustr*', 'dimmer*', 'variator*', 'lumen*', 'luminozitate', 'veioz*', 'aplică', 'aplice', 'spot*', 'lantern*', 'pâlpâi*', 'clipește'],
  },
  sentiment: {
    'mulțumesc': 0.5, 'mulțumim': 0.5, mersi: 0.5, 'mai repede': 0, 'mai bun': 2, 'mai bună': 2, 'sătul*': -2, vă: 0, rog: 0, salut: 0, 'bună ziua': 0, 'bună seara': 0, 'zi bună': 0, 'mulțumesc frumos': 0.5, 'cu stimă': 0, 'din păcate': -1, 'bani aruncați': -3,
    'excelent*': 3, 'superb*': 3, 'minunat*': 3, 'perfect*': 3, 'fantastic*': 3, 'recomand*': 2, 'mulțumit*': 2, 'fericit*': 3, bun: 2, bună: 2, buni: 2, bune: 2, bine: 1, 'frumo*': 3, 'comod*': 2, 'rapid*': 1, 'plăcut*': 2, clar: 1, 'solid*': 2, super: 3, top: 2, 'grozav*': 3, 'încântat*': 3, 'impecabil*': 3, ador: 3, iubesc: 3, 'calitativ*': 2,
    'dezamăg*': -2, 'nemulțumi*': -2, 'groaznic*': -3, 'oribil*': -3, 'jalnic*': -3, 'prost*': -2, 'proast*': -2, 'slab*': -2, 'inacceptabil*': -3, 'inadmisibil*': -3, 'enervant*': -2, 'frustrant*': -2, 'scandalos*': -3, 'rușin*': -3, 'stricat*': -2, 'defect*': -2, 'deteriorat*': -2, 'rupt*': -2, 'țeapă': -3, 'inutil*': -2, 'problem*': -1, 'întârzi*': -1, 'urât*': -2,
  },
  boosters: ['foarte', 'chiar', 'extrem', 'prea', 'tare', 'total', 'complet', 'absolut', 'deosebit', 'incredibil'],
};
