import { classifyText } from './keyword-classifier.js';
import { LocalProvider } from './local.provider.js';
import type { LocalTask } from '../../tasks/local-task.js';

const LABELS = ['billing', 'shipping', 'product', 'other'];
const provider = new LocalProvider('local');

async function run(task: LocalTask): Promise<Record<string, unknown>> {
  const reply = await provider.complete({ task, messages: [{ role: 'user', content: task.text }], signal: new AbortController().signal } as never);
  return reply.structured as Record<string, unknown>;
}

const FRENCH: [string, string][] = [
  ["On m'a débité deux fois pour la même commande, je veux être remboursée tout de suite.", 'billing'],
  ['Le montant de la facture ne correspond pas au prix affiché sur le site.', 'billing'],
  ['Ma carte a été refusée mais le paiement apparaît sur mon relevé bancaire.', 'billing'],
  ["Mon colis n'est toujours pas arrivé, le suivi n'a pas bougé depuis dix jours.", 'shipping'],
  ['Le transporteur a livré le paquet à la mauvaise adresse.', 'shipping'],
  ["Quand ma commande sera-t-elle expédiée ? J'en ai besoin avant samedi.", 'shipping'],
  ["Le casque s'est cassé au bout d'une semaine, l'écouteur gauche ne fonctionne plus.", 'product'],
  ['La lampe clignote et la lumière est beaucoup trop faible, elle est défectueuse.', 'product'],
  ['Les chaussures sont trop petites et la semelle se décolle déjà.', 'product'],
  ['Bonjour, avez-vous un magasin à Lyon où je pourrais passer ?', 'other'],
  ['Je voudrais changer mon mot de passe et mon adresse e-mail.', 'other'],
];

const POLISH: [string, string][] = [
  ['Pobrano mi pieniądze dwa razy za to samo zamówienie, proszę o zwrot.', 'billing'],
  ['Kwota na fakturze nie zgadza się z ceną w sklepie.', 'billing'],
  ['Płatność kartą została odrzucona, ale pieniądze zniknęły z konta bankowego.', 'billing'],
  ['Moja paczka jeszcze nie dotarła, kurier nie odbiera telefonu.', 'shipping'],
  ['Przesyłka utknęła w sortowni od tygodnia, numer śledzenia nic nie pokazuje.', 'shipping'],
  ['Kiedy zostanie wysłane moje zamówienie? Potrzebuję go na sobotę.', 'shipping'],
  ['Słuchawki przestały działać po tygodniu, lewa strona nie gra.', 'product'],
  ['Lampa miga i światło jest za słabe, jest wadliwa.', 'product'],
  ['Buty są za małe i podeszwa już się odkleja.', 'product'],
  ['Dzień dobry, czy macie sklep stacjonarny w Krakowie?', 'other'],
  ['Chciałbym zmienić hasło do konta i adres e-mail.', 'other'],
];

describe('support tickets in French and Polish (the sample shop\'s labels)', () => {
  it.each([...FRENCH.map(([t, l]) => ['fr', t, l]), ...POLISH.map(([t, l]) => ['pl', t, l])])('%s: %s → %s', async (language, text, label) => {
    expect((await run({ kind: 'classify', text, labels: LABELS })).label).toBe(label);
    expect((await run({ kind: 'sentiment', text })).language).toBe(language);
  });
});

describe('a text about another subject goes to the catch-all label', () => {
  it('when account or technical words outnumber those of every label (they went to shipping for "adresse"/"adres" before)', () => {
    expect(classifyText('Je voudrais changer mon mot de passe et mon adresse e-mail.', LABELS, {}, 'fr')).toEqual({ label: 'other', confidence: expect.any(Number) });
    expect(classifyText('The app shows an error page when I log in to my account.', LABELS, {}, 'en')?.label).toBe('other');
  });

  it('not when a label names that subject, nor on a tie, nor for modifiers such as urgency', () => {
    expect(classifyText('Je voudrais changer mon mot de passe et mon adresse e-mail.', ['account', 'shipping', 'other'], {}, 'fr')?.label).toBe('account');
    // "address" (shipping) against "account" (account): the topic label keeps a tie, wherever the catch-all stands.
    expect(classifyText('Please update the address on my account.', ['other', 'billing', 'shipping'], {}, 'en')?.label).toBe('shipping');
    // Urgency words (besoin, avant, samedi) are no subject: this is still a shipping question.
    expect(classifyText("Quand ma commande sera-t-elle expédiée ? J'en ai besoin avant samedi.", LABELS, {}, 'fr')?.label).toBe('shipping');
  });
});
