import type { LanguageLexicon } from './language-lexicon.js';

/** French. The Pattern lexicon is machine-built: `sentiment` fixes the words shoppers use most. */
export const FR: LanguageLexicon = {
  topics: {
    billing: ['factur*', 'paiement*', 'paye*', 'paie*', 'payer', 'prélev*', 'débit*', 'montant*', 'prix', 'tarif*', 'frais', 'carte', 'cb', 'abonnement*', 'tva', 'taxe*', 'reçu', 'relevé*', 'banque*', 'bancaire*', 'doublon', 'coût*', 'coûte*', 'promo*', 'remise', 'réduction', 'chèque', 'virement*', 'échéance*'],
    payment: ['paiement*', 'paye*', 'payer', 'carte', 'cb', 'refus*', 'transaction*', 'paypal', 'virement*'],
    refund: ['rembours*', 'argent', 'renvoy*', 'renvoi', 'retourn*', 'dédommag*', 'indemnis*', 'avoir'],
    shipping: ['livr*', 'colis', 'expédi*', 'envoi', 'transporteur*', 'coursier*', 'suivi', 'tracking', 'arriv*', 'retard*', 'perdu*', 'adresse*', 'relais', 'domicile', 'poste', 'postal*', 'colissimo', 'chronopost', 'ups', 'dhl', 'dpd', 'gls', 'délai*', 'acheminement', 'douane*'],
    product: ['produit*', 'article*', 'qualité', 'cassé*', 'casse', 'défaut*', 'défectu*', 'abîm*', 'endommag*', 'taille*', 'couleur*', 'matière*', 'matériau*', 'fonctionn*', 'marche', 'batterie*', 'écran*', 'tissu*', 'fissur*', 'fuit', 'fuite*', 'déchir*', 'rayé*', 'rayure*', 'fermeture', 'couture*', 'décous*', 'bouton*', 'modèle*', 'garantie*', 'répar*', 'remplacement', 'notice', 'montage', 'recharg*', 'chargeur*', 'câble*', 'prise', 'appareil*', 'panne', 'écaill*', 'revêtement', 'pièce*', 'usé*'],
    account: ['compte*', 'connect*', 'connexion', 'identifi*', 'passe', 'email', 'e-mail', 'mail', 'profil*', 'bloqué*', 'réinitialis*', 'inscri*', 'données', 'personnelles', 'rgpd', 'supprimer', 'suppression', 'login', 'newsletter', 'vérification', 'code'],
    technical: ['erreur*', 'bug*', 'bogue*', 'plante', 'plantage', 'appli*', 'application*', 'site', 'page*', 'chargement', 'lent*', 'serveur*', 'bloqu*', 'navigateur*'],
    complaint: ['plainte*', 'réclamation*', 'mécontent*'],
    praise: ['félicit*', 'compliment*', 'bravo', 'merci*'],
    question: ['comment', 'pourquoi', 'quand', 'quel', 'quelle', 'quels', 'quelles', 'combien', 'est-ce', 'question*', 'savoir', 'possible', 'pouvez-vous', 'pourriez-vous', 'peut-on', 'puis-je', 'existe-t-il', 'compatible*'],
    cancellation: ['annul*', 'résili*', 'désabonn*', 'désinscri*', 'arrêter'],
    returns: ['retour*', 'retourn*', 'renvoy*', 'renvoi', 'échang*', 'étiquette*'],
    spam: ['gagnant*', 'gagné', 'loterie', 'gratuit*', 'cliquez', 'crypto*', 'bitcoin', 'offre'],
    sales: ['devis', 'tarif*', 'démo', 'entreprise*', 'remise', 'acheter', 'achat*', 'grossiste*', 'revendeur*', 'partenariat*'],
    urgent: ['urgen*', 'vite', 'rapidement', 'immédiat*', 'pressé*', "aujourd'hui", 'demain', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'avant', 'express', 'prioritaire', 'besoin'],
    gift: ['cadeau*', 'offrir', 'offert*', 'anniversaire', 'noël', 'emball*', 'surprise', 'fête*', 'mariage', 'naissance', 'prix', 'facture', 'ticket', 'mot', 'carte'],
    instructions: ['laisser', 'dépos*', 'voisin*', 'porte*', 'portail*', 'sonner', 'sonnette', 'interphone', 'digicode', 'code', 'étage', 'appartement', 'bâtiment', 'escalier', 'gardien*', 'concierge', 'boîte', 'entrée', 'appeler', 'rez-de-chaussée', 'derrière', 'garage', 'jardin', 'accueil'],
    audio: ['casque*', 'écouteur*', 'enceinte*', 'haut-parleur*', 'sonore', 'basse*', 'audio', 'bluetooth', 'bruit*', 'micro', 'microphone', 'volume', 'musique', 'ampli*', 'stéréo'],
    footwear: ['chaussure*', 'basket*', 'botte*', 'bottine*', 'sandale*', 'talon*', 'semelle*', 'lacet*', 'pointure*', 'chausse*', 'escarpin*', 'mocassin*', 'pantoufle*', 'running', 'randonnée', 'pied*', 'orteil*'],
    kitchen: ['cuisine*', 'poêle*', 'casserole*', 'marmite*', 'bouilloire*', 'mixeur*', 'blender', 'robot*', 'couteau*', 'café', 'cafetière*', 'expresso', 'grille-pain', 'four', 'fours', 'cuisson', 'cuire', 'pâtiss*', 'pâte*', 'pain', 'vaisselle', 'assiette*', 'tasse*', 'mug', 'lave-vaisselle', 'induction', 'plaque*', 'micro-ondes', 'frigo', 'réfrigérateur', 'moule*', 'ustensile*', 'recette*', 'wok', 'cocotte*', 'bol', 'bols'],
    lighting: ['lampe*', 'lumière*', 'lumineu*', 'éclairage*', 'ampoule*', 'led', 'abat-jour', 'lustre*', 'variateur*', 'intensité', 'lumen*', 'luminosité', 'chevet', 'plafonnier*', 'applique*', 'spot*', 'guirlande*', 'veilleuse*', 'clignot*', 'lanterne*', 'suspension*'],
  },
  sentiment: {
    merci: 0.5, bonjour: 0, 'plus vite': 0, 'perdre patience': -2, 'ras-le-bol': -3, marre: -3, 'meilleur*': 2, mieux: 1, bonsoir: 0, svp: 0, plaît: 0, cordialement: 0, madame: 0, monsieur: 0, 'bonne journée': 0, 'bonne soirée': 0, 'bonne fin': 0,
    'excellent*': 3, 'parfait*': 3, super: 3, top: 2, 'génial*': 3, 'magnifique*': 3, 'ravi*': 3, 'content*': 2, 'satisfait*': 2, 'recommand*': 2, 'ador*': 3, aime: 2, bien: 1, bon: 2, bonne: 2, bons: 2, bonnes: 2, 'délicieu*': 3, facile: 1, 'rapide*': 1, 'confortable*': 2, beau: 2, belle: 2, 'joli*': 2, 'merveill*': 3, 'impeccable*': 3, pratique: 1, 'solide*': 2, 'efficace*': 2, 'agréable*': 2, 'fantastique*': 3, 'idéal*': 2, nickel: 3,
    'déçu*': -2, 'décevant*': -2, 'déception*': -2, nul: -3, nulle: -3, nuls: -3, 'honte*': -3, 'honteu*': -3, inadmissible: -3, 'inacceptable*': -3, 'scandal*': -3, 'pénible*': -2, 'agaçant*': -2, 'énervant*': -2, 'mécontent*': -2, 'horrible*': -3, 'catastroph*': -3, 'lamentable*': -3, 'mauvais*': -2, 'médiocre*': -2,
    'cassé*': -2, 'abîmé*': -2, 'endommagé*': -2, 'défectueu*': -2, 'déchiré*': -2, 'arnaque*': -3, 'inutil*': -2, pire: -3, fragile: -1, retard: -1, 'problème*': -1, 'pas terrible': -2, cher: -1, chère: -1, 'dégoût*': -3,
  },
  boosters: ['très', 'vraiment', 'trop', 'tellement', 'extrêmement', 'complètement', 'totalement', 'hyper', 'vachement'],
};
