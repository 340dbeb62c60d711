import type { LanguageLexicon } from './language-lexicon.js';

/** Italian. The Pattern lexicon is machine-built: `sentiment` fixes the words shoppers use most. */
export const IT: LanguageLexicon = {
  topics: {
    billing: ['fattur*', 'pagament*', 'pagat*', 'pagare', 'pago', 'addebit*', 'importo', 'importi', 'prezz*', 'tariff*', 'costo', 'costi', 'carta', 'abbonament*', 'iva', 'tasse', 'ricevuta', 'scontrino', 'estratto', 'banca*', 'bancari*', 'bonifico', 'sconto', 'coupon', 'spese'],
    payment: ['pagament*', 'pagat*', 'pagare', 'carta', 'rifiutat*', 'transazion*', 'paypal', 'bonifico', 'satispay'],
    refund: ['rimbors*', 'soldi', 'denaro', 'restitu*', 'reso', 'rimandat*', 'risarci*', 'indietro'],
    shipping: ['spedi*', 'consegn*', 'pacco', 'pacchi', 'pacchetto', 'corriere*', 'tracciament*', 'tracking', 'arriv*', 'ritard*', 'smarrit*', 'perso', 'persa', 'indirizz*', 'ritir*', 'domicilio', 'poste', 'postale', 'brt', 'gls', 'sda', 'dhl', 'bartolini', 'locker', 'dogana', 'giacenza'],
    product: ['prodott*', 'articol*', 'qualità', 'rott*', 'difett*', 'danneggiat*', 'taglia*', 'colore*', 'material*', 'funzion*', 'batteri*', 'schermo', 'tessuto', 'crepa*', 'perde', 'perdita', 'strappat*', 'graffi*', 'cerniera', 'cucitur*', 'scucit*', 'bottone*', 'modello*', 'garanzia', 'ripar*', 'sostituzion*', 'montaggio', 'ricaric*', 'caricabatterie', 'cavo', 'spina', 'dispositiv*', 'guast*', 'telecomando', 'usurat*', 'rovinat*'],
    account: ['account', 'accesso', 'acced*', 'login', 'password', 'registra*', 'profilo', 'email', 'e-mail', 'mail', 'bloccat*', 'reimpost*', 'verifica*', 'dati', 'personali', 'privacy', 'gdpr', 'credenziali', 'utente', 'iscrizione', 'newsletter', 'eliminare', 'disattivare'],
    technical: ['errore*', 'bug', 'crash', 'app', 'applicazione', 'sito', 'pagina', 'caricamento', 'lento', 'lenta', 'server', 'bloccat*', 'browser'],
    complaint: ['reclam*', 'lamentel*', 'insoddisfatt*'],
    praise: ['complimenti', 'bravi', 'elogio', 'grazie'],
    question: ['come', 'quando', 'dove', 'perché', 'quale', 'quali', 'quanto', 'quanta', 'quanti', 'domanda*', 'sapere', 'possibile', 'esiste', 'compatibil*'],
    cancellation: ['annull*', 'disdett*', 'disdire', 'cancell*', 'disiscri*', 'recesso'],
    returns: ['reso', 'resi', 'restitu*', 'cambio', 'sostitu*', 'rimandare', 'etichetta'],
    spam: ['vincitor*', 'vinto', 'premio', 'gratis', 'gratuit*', 'clicca', 'crypto', 'bitcoin', 'lotteria', 'offerta'],
    sales: ['preventiv*', 'demo', 'aziend*', 'sconto', 'acquist*', 'ingrosso', 'rivendit*', 'partnership'],
    urgent: ['urgen*', 'subito', 'presto', 'velocemente', 'rapidamente', 'immediat*', 'fretta', 'oggi', 'domani', 'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica', 'entro', 'serve', 'bisogno', 'express', 'priorit*'],
    gift: ['regal*', 'compleanno', 'natale', 'incart*', 'confezione', 'sorpresa', 'anniversario', 'matrimonio', 'prezzo', 'scontrino', 'biglietto', 'dedica', 'festa'],
    instructions: ['lasciare', 'lasciate', 'lasciatelo', 'vicin*', 'porta', 'portone', 'cancello', 'citofon*', 'campanello', 'suonare', 'piano', 'scala', 'interno', 'appartamento', 'palazzo', 'portiere', 'portineria', 'cassetta', 'chiamare', 'telefonare', 'cortile', 'garage', 'dietro', 'ingresso', 'reception'],
    audio: ['cuffi*', 'auricolar*', 'altoparlant*', 'cassa', 'casse', 'suono', 'audio', 'bassi', 'bluetooth', 'rumore', 'microfono', 'volume', 'musica', 'soundbar', 'amplificator*', 'stereo'],
    footwear: ['scarp*', 'sneaker*', 'stival*', 'sandal*', 'tacco', 'tacchi', 'suola', 'suole', 'soletta', 'plantare', 'lacci', 'calzatur*', 'pantofol*', 'mocassin*', 'corsa', 'running', 'piede', 'piedi', 'vescic*'],
    kitchen: ['cucina*', 'padell*', 'pentol*', 'bollitore*', 'frullatore*', 'mixer', 'robot', 'coltell*', 'caffè', 'caffettiera', 'moka', 'tostapane', 'forno', 'cottura', 'cuocere', 'impast*', 'pane', 'piatt*', 'tazz*', 'lavastoviglie', 'induzione', 'fornell*', 'microonde', 'frigo*', 'stampo*', 'utensil*', 'ricett*', 'bicchier*'],
    lighting: ['lampad*', 'luce', 'luci', 'illuminazion*', 'led', 'paralume', 'dimmer', 'dimmerabil*', 'lumen', 'luminosità', 'comodino', 'plafonier*', 'applique', 'faretto*', 'lanterna'],
  },
  sentiment: {
    grazie: 0.5, buongiorno: 0, 'prima possibile': 0, 'stuf*': -2, meglio: 1, 'miglior*': 2, buonasera: 0, salve: 0, favore: 0, cortesia: 0, cordiali: 0, saluti: 0, 'buona giornata': 0, 'buona serata': 0,
    'ottim*': 3, 'eccellent*': 3, 'perfett*': 3, 'fantastic*': 3, 'splendid*': 3, 'bellissim*': 3, bello: 2, bella: 2, belli: 2, belle: 2, 'consiglia*': 2, 'soddisfatt*': 2, 'content*': 2, felice: 3, adoro: 3, comodo: 2, comoda: 2, comodi: 2, comode: 2, 'comodissim*': 3, veloce: 1, 'rapid*': 1, accogliente: 2, buono: 2, buona: 2, buoni: 2, buone: 2, 'buonissim*': 3, bene: 1, facile: 1, 'pratic*': 1, 'solid*': 2, resistente: 2, super: 3, top: 2, 'meraviglios*': 3, 'gentil*': 2, 'impeccabil*': 3, 'piacevol*': 2,
    'pessim*': -3, 'delus*': -2, 'deludent*': -2, 'scadent*': -2, 'vergogn*': -3, 'inaccettabil*': -3, 'irritat*': -2, 'frustra*': -2, 'orribil*': -3, 'terribil*': -3, 'schif*': -3, 'rott*': -2, 'rovinat*': -2, 'danneggiat*': -2, 'difettos*': -2, 'inutil*': -2, 'truffa*': -3, 'scandal*': -3, ritardo: -1, problema: -1, problemi: -1, 'brutt*': -2, male: -1, peggio: -2, 'peggior*': -3, 'insoddisfatt*': -2, 'arrabbiat*': -3, fragile: -1, 'costos*': -1,
  },
  boosters: ['molto', 'davvero', 'proprio', 'troppo', 'veramente', 'estremamente', 'così', 'tanto', 'assolutamente', 'completamente'],
};
