import type { LanguageLexicon } from './language-lexicon.js';

/** Polish: stems carry the many case endings (paczka, paczki, paczkę, paczce). */
export const PL: LanguageLexicon = {
  topics: {
    billing: ['faktur*', 'płatnoś*', 'płatn*', 'zapłac*', 'opłat*', 'płac*', 'pobra*', 'pobier*', 'obciąż*', 'kwot*', 'cena', 'ceny', 'cenę', 'cenie', 'koszt*', 'karta', 'karty', 'kartę', 'kartą', 'karcie', 'subskrypcj*', 'abonament*', 'vat', 'podat*', 'paragon*', 'rachun*', 'wyciąg*', 'bank*', 'przelew*', 'rabat*', 'dwukrotnie', 'nip'],
    payment: ['płatnoś*', 'zapłac*', 'płac*', 'karta', 'karty', 'kartę', 'kartą', 'karcie', 'odrzuc*', 'transakcj*', 'paypal', 'blik', 'przelew*'],
    refund: ['zwrot*', 'zwróc*', 'zwraca*', 'pieniądz*', 'pieniędz*', 'środki', 'środków', 'odda*', 'odesła*', 'odsył*', 'rekompens*'],
    shipping: ['wysył*', 'wysła*', 'dostaw*', 'dostarcz*', 'doręcz*', 'paczk*', 'paczc*', 'paczek', 'przesył*', 'kurier*', 'śledz*', 'tracking', 'dotar*', 'dojdzie', 'doszł*', 'opóźni*', 'zgubi*', 'zagubi*', 'adres*', 'paczkomat*', 'inpost', 'dpd', 'dhl', 'gls', 'poczt*', 'odbi*', 'odebr*', 'odbior*', 'nadan*', 'przewoźnik*', 'zagranic*'],
    product: ['produkt*', 'towar*', 'artykuł*', 'jakoś*', 'zepsu*', 'uszkodz*', 'wad*', 'rozmiar*', 'kolor*', 'materiał*', 'działa*', 'bateri*', 'akumulator*', 'ekran*', 'tkanin*', 'pęk*', 'przeciek*', 'cieknie', 'rozdar*', 'porysowa*', 'zamek', 'suwak*', 'szew', 'szwy', 'rozkle*', 'rozpru*', 'guzik*', 'model*', 'gwarancj*', 'napraw*', 'wymian*', 'montaż*', 'ładowa*', 'ładowark*', 'kabel', 'kabl*', 'wtyczk*', 'urządzen*', 'awari*', 'popsu*', 'przesta*', 'rozpad*'],
    account: ['konto', 'konta', 'kontem', 'koncie', 'kont', 'logow*', 'zalogow*', 'login', 'hasł*', 'haseł', 'profil*', 'e-mail', 'email', 'mail*', 'zablokow*', 'reset*', 'weryfikacj*', 'rejestr*', 'dane', 'danych', 'osobow*', 'rodo', 'usunię*', 'usuń', 'usunąć', 'newsletter*'],
    technical: ['błąd', 'błęd*', 'bug*', 'crash', 'aplikacj*', 'stron*', 'ładowani*', 'wolno', 'serwer*', 'zawiesza*', 'przeglądark*'],
    complaint: ['skarg*', 'reklamacj*', 'zażalen*'],
    praise: ['pochwał*', 'gratulacj*', 'brawo', 'dziękuj*', 'dzięki'],
    question: ['jak', 'jaki', 'jaka', 'jakie', 'jakiego', 'kiedy', 'gdzie', 'dlaczego', 'czemu', 'czy', 'ile', 'który', 'która', 'które', 'pytani*', 'możliwe', 'można'],
    cancellation: ['anul*', 'rezygn*', 'zrezygn*', 'wypowiedz*', 'odwoła*', 'wypis*'],
    returns: ['zwrot*', 'zwróc*', 'odesła*', 'odsył*', 'wymian*', 'wymieni*', 'etykiet*'],
    spam: ['wygra*', 'nagrod*', 'darmow*', 'gratis', 'klikn*', 'kryptowalut*', 'bitcoin', 'loteri*', 'oferta'],
    sales: ['wycen*', 'demo', 'firm*', 'rabat*', 'kupi*', 'zakup*', 'hurt*', 'partner*', 'współprac*'],
    urgent: ['pilne', 'pilnie', 'pilny', 'szybko', 'najszybciej', 'natychmiast*', 'pośpiech*', 'dzisiaj', 'dziś', 'jutro', 'poniedział*', 'wtor*', 'środa', 'środę', 'środy', 'czwart*', 'piąt*', 'sobot*', 'niedziel*', 'potrzebuj*', 'termin*', 'ekspres*', 'priorytet*', 'przed'],
    gift: ['prezent*', 'upominek', 'upomink*', 'podarun*', 'urodzin*', 'imienin*', 'święt*', 'gwiazd*', 'zapakow*', 'niespodziank*', 'rocznic*', 'ślub*', 'cena', 'ceny', 'cenę', 'paragon*', 'faktur*', 'bilecik*', 'kartk*', 'dedykacj*'],
    instructions: ['zostaw*', 'sąsiad*', 'drzwi', 'brama', 'bramy', 'furtk*', 'dzwon*', 'zadzwo*', 'domofon*', 'piętr*', 'mieszkani*', 'lokal*', 'klatk*', 'budyn*', 'kod', 'kodu', 'portier*', 'recepcj*', 'skrzynk*', 'podwór*', 'garaż*', 'wejści*'],
    audio: ['słuchawk*', 'głośnik*', 'dźwięk*', 'bas', 'basy', 'basów', 'audio', 'bluetooth', 'szum*', 'hałas*', 'mikrofon*', 'głośnoś*', 'muzyk*', 'soundbar*', 'wzmacniacz*', 'stereo', 'douszn*', 'nauszn*', 'kolumn*'],
    footwear: ['but', 'buty', 'butów', 'butach', 'butami', 'obuwi*', 'trampk*', 'adidas*', 'sneaker*', 'kozak*', 'sandał*', 'obcas*', 'podeszw*', 'wkładk*', 'sznurów*', 'sznurow*', 'kapc*', 'półbut*', 'mokasyn*', 'bieg*', 'stopa', 'stopy', 'stopę', 'pięt*', 'palc*', 'odcisk*', 'pęcherz*'],
    kitchen: ['kuchn*', 'kuchen*', 'patelni*', 'garnek', 'garnk*', 'garnków', 'czajnik*', 'blender*', 'mikser*', 'robot*', 'nóż', 'noż*', 'kawa', 'kawy', 'kawę', 'kawą', 'ekspres*', 'toster*', 'piekarnik*', 'gotowani*', 'ugotow*', 'piecz*', 'ciasto', 'ciasta', 'cieście', 'chleb*', 'naczy*', 'talerz*', 'kubek', 'kubk*', 'zmywark*', 'indukcj*', 'płyt*', 'kuchenk*', 'mikrofal*', 'lodówk*', 'foremk*', 'przepis*', 'sztućc*', 'szklank*', 'filiżank*'],
    lighting: ['lamp*', 'światł*', 'świetl*', 'oświetl*', 'żarów*', 'led', 'ledow*', 'abażur*', 'żyrandol*', 'ściemniacz*', 'lumen*', 'jasnoś*', 'kinkiet*', 'plafon*', 'reflektor*', 'latark*', 'migocz*', 'mruga*'],
  },
  sentiment: {
    'dziękuj*': 0.5, dzięki: 0.5, 'mam dość': -3, 'lepsz*': 2, 'najlepsz*': 3, lepiej: 1, proszę: 0, poproszę: 0, pozdrawiam: 0, 'dzień dobry': 0, 'dobry wieczór': 0, 'miłego dnia': 0, 'bez zarzutu': 3, witam: 0,
    'świetn*': 3, 'super*': 3, 'rewelac*': 3, 'doskonał*': 3, 'wspaniał*': 3, 'znakomi*': 3, 'idealn*': 3, polecam: 3, 'polecan*': 2, 'zadowolon*': 2, 'dobr*': 2, 'fajn*': 2, 'piękn*': 3, 'ładn*': 2, 'wygodn*': 2, 'szybk*': 1, 'przyjemn*': 2, 'solidn*': 2, 'niezawodn*': 2, 'komfort*': 2, 'cudown*': 3, 'genialn*': 3, uwielbiam: 3, 'zachwycon*': 3, warto: 2, ok: 1,
    'rozczarow*': -2, 'zawiedzion*': -2, 'zawiod*': -2, 'fataln*': -3, 'okropn*': -3, 'straszn*': -3, 'beznadziej*': -3, 'tandet*': -3, 'porażk*': -3, 'masakr*': -3, 'skandal*': -3, 'żenując*': -3, 'irytując*': -2, 'denerwując*': -2, 'zdenerwowan*': -2, 'wkurz*': -3, 'niezadowolon*': -2, 'kiepsk*': -2, 'słab*': -2, zły: -2, zła: -2, złe: -2, źle: -2,
    'zepsu*': -2, 'uszkodzon*': -2, 'wadliw*': -2, 'popsu*': -2, 'rozpad*': -2, 'oszust*': -3, bubel: -3, szkoda: -1, 'problem*': -1, 'opóźni*': -1, niestety: -1, 'gorsz*': -2, 'najgorsz*': -3, 'brzydk*': -2, 'nieprzyjemn*': -2,
  },
  boosters: ['bardzo', 'naprawdę', 'niesamowicie', 'totalnie', 'mega', 'zbyt', 'ogromnie', 'całkowicie', 'wyjątkowo', 'niezwykle'],
};
