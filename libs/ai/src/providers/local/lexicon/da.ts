import type { LanguageLexicon } from './language-lexicon.js';

/** Danish. The AFINN translation scores many plain words: `sentiment` fixes the ones shoppers use most. */
export const DA: LanguageLexicon = {
  topics: {
    billing: ['faktur*', 'betal*', 'trukket', 'trækket', 'opkræv*', 'beløb*', 'pris', 'prisen', 'priser', 'priserne', 'gebyr*', 'kort', 'kortet', 'abonnement*', 'moms', 'skat', 'kvittering*', 'bon', 'bonen', 'kontoudtog*', 'bank*', 'overførsel', 'rabat*', 'dobbelt', 'mobilepay', 'omkostning*', 'koster'],
    payment: ['betal*', 'kort', 'kortet', 'afvis*', 'transaktion*', 'mobilepay', 'paypal', 'dankort', 'overførsel'],
    refund: ['refusion*', 'refunder*', 'tilbagebetal*', 'pengene', 'penge', 'tilbage', 'retur*', 'godtgør*', 'erstatning*', 'kompensation'],
    shipping: ['forsend*', 'afsend*', 'lever*', 'pakke*', 'kurér*', 'bud', 'budet', 'spor*', 'track*', 'ankom*', 'forsink*', 'mistet', 'bortkommet', 'adresse*', 'postnord', 'gls', 'dao', 'bring', 'dhl', 'ups', 'posthus*', 'fragt*', 'told', 'udland*', 'afhent*'],
    product: ['produkt*', 'vare', 'varen', 'varer', 'varerne', 'kvalitet*', 'ødelagt', 'stykker', 'defekt*', 'fejl*', 'beskadig*', 'størrelse*', 'farve*', 'materiale*', 'virker', 'fungere*', 'batteri*', 'skærm*', 'stof', 'stoffet', 'revne*', 'utæt', 'flænge*', 'ridse*', 'lynlås*', 'søm', 'sømme*', 'model*', 'garanti*', 'repar*', 'ombytning*', 'manual*', 'montering*', 'oplad*', 'lader*', 'kabel', 'kablet', 'stik', 'apparat*', 'enhed*', 'slidt', 'slid'],
    account: ['konto', 'kontoen', 'konti', 'log', 'logge', 'login', 'logind', 'adgangskode*', 'kodeord*', 'password', 'profil*', 'e-mail', 'email', 'mail*', 'låst', 'nulstil*', 'registrer*', 'oplysninger', 'data', 'persondata', 'gdpr', 'slet*', 'nyhedsbrev*', 'bruger*', 'brugernavn'],
    technical: ['fejl*', 'bug*', 'crash*', 'app', 'appen', 'hjemmeside*', 'side', 'siden', 'indlæs*', 'langsom*', 'server*', 'hænger', 'browser*'],
    complaint: ['klage*', 'reklamation*', 'utilfreds*'],
    praise: ['ros', 'roser', 'kompliment*', 'tak'],
    question: ['hvordan', 'hvornår', 'hvor', 'hvorfor', 'hvilk*', 'hvad', 'hvem', 'spørgsmål*', 'muligt', 'mon'],
    cancellation: ['annull*', 'opsig*', 'afmeld*', 'afbestil*', 'stop*'],
    returns: ['retur*', 'ombyt*', 'byt*', 'returlabel'],
    spam: ['vinder*', 'præmie*', 'gratis', 'klik*', 'krypto*', 'bitcoin', 'lotteri*', 'tilbud*'],
    sales: ['tilbud*', 'demo', 'virksomhed*', 'firma*', 'rabat*', 'køb*', 'indkøb*', 'engros*', 'forhandler*', 'partner*'],
    urgent: ['haster', 'hast*', 'akut', 'hurtig*', 'straks', 'omgående', 'idag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag', 'senest', 'før', 'ekspres*', 'prioritet*'],
    gift: ['gave*', 'fødselsdag*', 'jul', 'julegave*', 'indpak*', 'overrask*', 'jubilæum', 'bryllup*', 'pris', 'prisen', 'bon', 'bonen', 'kvittering*', 'kort', 'hilsen'],
    instructions: ['stil', 'lad', 'læg', 'efterlad*', 'nabo*', 'dør*', 'hoveddør*', 'låge*', 'port', 'porten', 'ring', 'ringeklokke*', 'dørtelefon*', 'etage*', 'sal', 'lejlighed*', 'opgang*', 'kode*', 'reception*', 'postkasse*', 'carport*', 'garage*', 'skur*', 'bag', 'bagved', 'trappe*', 'indgang*'],
    audio: ['høretelefon*', 'hovedtelefon*', 'øretelefon*', 'earbuds', 'højttaler*', 'lyd*', 'bas', 'bassen', 'audio', 'bluetooth', 'støj*', 'mikrofon*', 'lydstyrke*', 'volumen', 'musik*', 'soundbar*', 'forstærker*', 'stereo', 'headset*'],
    footwear: ['sko', 'skoen', 'skoene', 'sneakers', 'støvle*', 'sandal*', 'hæl*', 'sål', 'sålen', 'såler', 'sålerne', 'indlægssål*', 'snøre*', 'snørebånd', 'fodtøj', 'løbesko', 'tøffel*', 'hjemmesko', 'fod', 'fødder*', 'tå', 'tæer', 'vabel', 'vabler', 'skostørrelse*'],
    kitchen: ['køkken*', 'pande*', 'gryde*', 'kedel*', 'elkedel*', 'blender*', 'mixer*', 'røremaskine*', 'kniv*', 'kaffe*', 'espresso*', 'brødrister*', 'ovn*', 'madlavning', 'bage', 'bagning', 'bagt', 'dej', 'dejen', 'brød*', 'tallerken*', 'krus', 'kop', 'kopper', 'opvaskemaskine*', 'induktion*', 'komfur*', 'kogeplade*', 'kog*', 'mikroovn*', 'køleskab*', 'bageform*', 'opskrift*', 'glas', 'bestik'],
    lighting: ['lampe*', 'lys', 'lyset', 'lysene', 'lyse', 'belysning*', 'pære*', 'led', 'lampeskærm*', 'lysekrone*', 'lysdæmp*', 'lumen', 'lysstyrke', 'natlampe*', 'loftslampe*', 'væglampe*', 'spot*', 'lanterne*', 'flimr*', 'blink*'],
  },
  sentiment: {
    tak: 0.5, tusind: 0, 'hurtigt som': 0, bedre: 2, 'bedst*': 3, venligst: 0, hej: 0, hilsen: 0, mvh: 0, kære: 0, 'god dag': 0, 'god weekend': 0, 'venlig hilsen': 0, 'de bedste hilsner': 0,
    'fantastisk*': 3, fremragende: 3, super: 3, 'perfekt*': 3, god: 2, godt: 2, gode: 2, glad: 2, tilfreds: 2, 'anbefal*': 2, 'elsk*': 3, 'smuk*': 3, 'flot*': 3, 'hurtig*': 1, 'behagelig*': 2, 'komfortabel*': 2, 'solid*': 2, 'hyggelig*': 2, 'krystalklar*': 2, 'skøn*': 3, 'dejlig*': 3, 'genial*': 3, 'imponer*': 2, nem: 1, nemt: 1, venlig: 2, venlige: 2,
    'skuffe*': -2, 'elendig*': -3, 'dårlig*': -2, 'forfærdelig*': -3, 'frygtelig*': -3, irriterende: -2, 'frustrer*': -2, 'utilfreds*': -2, 'uacceptabel*': -3, 'skandal*': -3, 'ødelagt*': -2, 'defekt*': -2, slidt: -1, spild: -2, svindel: -3, 'ubrugelig*': -3, 'værst*': -3, 'problem*': -1, 'forsink*': -1, desværre: -1, 'grim*': -2, 'ærgerlig*': -2, vred: -3, trist: -2,
  },
  boosters: ['meget', 'virkelig', 'rigtig', 'helt', 'utrolig', 'utroligt', 'særdeles', 'yderst', 'vildt', 'enormt'],
};
