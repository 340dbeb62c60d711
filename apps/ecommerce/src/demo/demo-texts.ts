/**
 * What the demo's customers write: reviews in the six languages the review flow analyses and
 * tickets in the three the support flow categorises offline. Written to read like real ones
 * (they are what the dashboard and the summaries show), generic enough to fit any product.
 */
export type ReviewLanguage = 'en' | 'fr' | 'it' | 'pl' | 'da' | 'ro';
export type TicketLanguage = 'en' | 'fr' | 'pl';
export type Tone = 'positive' | 'negative';

export interface ReviewText {
  readonly rating: number;
  readonly title: string;
  readonly body: string;
}

export interface TicketText {
  readonly subject: string;
  readonly body: string;
}

export const REVIEW_LANGUAGES: readonly ReviewLanguage[] = ['en', 'fr', 'it', 'pl', 'da', 'ro'];
export const TICKET_LANGUAGES: readonly TicketLanguage[] = ['en', 'fr', 'pl'];

export const REVIEWS: Record<ReviewLanguage, Record<Tone, readonly ReviewText[]>> = {
  en: {
    positive: [
      { rating: 5, title: 'Exactly as described', body: 'Excellent quality and it arrived two days early. Well packed, works perfectly, and the price is fair. I would buy it again.' },
      { rating: 4, title: 'Very happy', body: 'Great value for money. The finish feels premium and delivery was fast. Only wish it came in more colours.' },
    ],
    negative: [
      { rating: 1, title: 'Broke within a week', body: 'Terrible quality. It stopped working after a week and the refund process is slow. Very disappointed, would not recommend.' },
      { rating: 2, title: 'Arrived damaged', body: 'The box was crushed and the item was scratched. Delivery took three weeks. Poor packaging for the price.' },
    ],
  },
  fr: {
    positive: [
      { rating: 5, title: 'Parfait', body: 'Très bonne qualité, livraison rapide et emballage soigné. Je suis ravie de mon achat, je le recommande.' },
      { rating: 4, title: 'Bon rapport qualité-prix', body: 'Produit solide et agréable à utiliser. Livré en trois jours, conforme à la description.' },
    ],
    negative: [
      { rating: 1, title: 'Arrivé cassé', body: 'Livraison très lente et le produit est arrivé cassé. Mauvaise qualité, je suis très déçu du service client.' },
      { rating: 2, title: 'Décevant', body: 'La qualité ne correspond pas au prix. Il s’est abîmé au bout de quelques jours. Je ne le recommande pas.' },
    ],
  },
  it: {
    positive: [
      { rating: 5, title: 'Ottimo acquisto', body: 'Qualità eccellente e spedizione velocissima. Funziona perfettamente, lo consiglio a tutti.' },
      { rating: 4, title: 'Molto soddisfatta', body: 'Prodotto bello e robusto, prezzo giusto. Consegna puntuale e imballaggio curato.' },
    ],
    negative: [
      { rating: 1, title: 'Pessimo', body: 'Si è rotto dopo una settimana. Qualità scadente e il servizio clienti non risponde. Molto deluso.' },
      { rating: 2, title: 'Arrivato danneggiato', body: 'Il pacco è arrivato in ritardo e il prodotto era graffiato. Non vale il prezzo.' },
    ],
  },
  pl: {
    positive: [
      { rating: 5, title: 'Świetny produkt', body: 'Bardzo dobra jakość i szybka dostawa. Wszystko działa bez zarzutu, polecam każdemu.' },
      { rating: 4, title: 'Warto', body: 'Solidne wykonanie w rozsądnej cenie. Przesyłka dotarła w dwa dni, dobrze zapakowana.' },
    ],
    negative: [
      { rating: 1, title: 'Rozczarowanie', body: 'Produkt zepsuł się po tygodniu. Fatalna jakość, a zwrot pieniędzy trwa bardzo długo. Nie polecam.' },
      { rating: 2, title: 'Uszkodzony', body: 'Paczka przyszła z opóźnieniem, a produkt był porysowany. Słaba jakość jak na tę cenę.' },
    ],
  },
  da: {
    positive: [
      { rating: 5, title: 'Fremragende', body: 'Rigtig god kvalitet og hurtig levering. Den virker perfekt, og prisen er fair. Kan varmt anbefales.' },
      { rating: 4, title: 'Meget tilfreds', body: 'Flot produkt, solidt lavet og godt pakket. Leveret til tiden.' },
    ],
    negative: [
      { rating: 1, title: 'Gik i stykker', body: 'Dårlig kvalitet. Den gik i stykker efter en uge, og kundeservice svarer ikke. Meget skuffet.' },
      { rating: 2, title: 'Skuffende', body: 'Levering tog tre uger, og produktet var ridset. Ikke pengene værd.' },
    ],
  },
  ro: {
    positive: [
      { rating: 5, title: 'Excelent', body: 'Calitate foarte bună și livrare rapidă. Funcționează perfect, îl recomand cu încredere.' },
      { rating: 4, title: 'Mulțumită', body: 'Produs frumos și bine făcut, la un preț corect. A ajuns la timp, bine ambalat.' },
    ],
    negative: [
      { rating: 1, title: 'Dezamăgitor', body: 'S-a stricat după o săptămână. Calitate slabă, iar serviciul clienți nu răspunde. Nu recomand.' },
      { rating: 2, title: 'Ajuns deteriorat', body: 'Livrarea a durat foarte mult și produsul era zgâriat. Nu merită prețul.' },
    ],
  },
};

export const TICKETS: Record<TicketLanguage, Record<Tone, readonly TicketText[]>> = {
  en: {
    negative: [
      { subject: 'Charged twice for my order', body: 'I was charged twice for my last order and my card shows two payments. Please refund the duplicate charge immediately, this is really frustrating.' },
      { subject: 'Still no parcel after two weeks', body: 'My package has not arrived and the tracking number does not work. This is the second time this happens. I am very unhappy and want my money back.' },
    ],
    positive: [
      { subject: 'Question about sizes', body: 'Hi, could you tell me whether the product runs true to size before I order? Thanks a lot for your help.' },
      { subject: 'Change delivery address', body: 'Hello, I just placed an order and would like to change the delivery address to my office. Thank you!' },
    ],
  },
  fr: {
    negative: [
      { subject: 'Remboursement toujours pas reçu', body: 'J’ai retourné le produit il y a trois semaines et je n’ai toujours pas été remboursé. C’est inadmissible, je veux mon remboursement rapidement.' },
      { subject: 'Colis jamais arrivé', body: 'Ma commande n’est jamais arrivée et le suivi ne fonctionne pas. Je suis très mécontente du service de livraison.' },
    ],
    positive: [
      { subject: 'Question sur la livraison', body: 'Bonjour, pouvez-vous me dire quand ma commande sera expédiée ? Merci beaucoup.' },
      { subject: 'Modifier ma commande', body: 'Bonjour, je voudrais ajouter un article à ma commande avant l’expédition. Merci d’avance.' },
    ],
  },
  pl: {
    negative: [
      { subject: 'Podwójne obciążenie karty', body: 'Zostałem obciążony dwa razy za to samo zamówienie. Proszę o natychmiastowy zwrot pieniędzy, to bardzo frustrujące.' },
      { subject: 'Paczka nie dotarła', body: 'Moja przesyłka nie dotarła, a numer śledzenia nie działa. Jestem bardzo niezadowolona z dostawy.' },
    ],
    positive: [
      { subject: 'Pytanie o dostawę', body: 'Dzień dobry, kiedy mogę spodziewać się wysyłki mojego zamówienia? Dziękuję za pomoc.' },
      { subject: 'Zmiana adresu', body: 'Dzień dobry, chciałabym zmienić adres dostawy dla mojego zamówienia. Z góry dziękuję.' },
    ],
  },
};

/** Notes that make an order look rushed (the fraud flow's AI reads them). */
export const RUSHED_NOTES: readonly string[] = [
  'URGENT: ship overnight to a different address, please hurry, it is for a client today',
  'Need this ASAP — send express to the forwarding address, do not call me',
  'Rush order!! Gift, ship today to the hotel address, no signature needed',
];

/** Notes of ordinary orders (most have none). */
export const ORDINARY_NOTES: readonly string[] = ['Please leave at the front door', 'Gift wrap if possible, thank you', 'Ring the bell twice'];
