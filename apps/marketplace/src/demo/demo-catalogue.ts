import type { Specifications } from '@ecom/contracts';

/** Seed 000's categories: a slug and an icon each. */
export const DEMO_CATEGORIES = [
  { slug: 'epicerie', name: 'Épicerie', icon: '🛒', position: 1 },
  { slug: 'boissons', name: 'Boissons', icon: '🥤', position: 2 },
  { slug: 'fruits-legumes', name: 'Fruits et légumes', icon: '🥭', position: 3 },
  { slug: 'mode', name: 'Mode et pagnes', icon: '👗', position: 4 },
  { slug: 'artisanat', name: 'Artisanat', icon: '🪘', position: 5 },
  { slug: 'electronique', name: 'Électronique', icon: '📱', position: 6 },
  { slug: 'maison', name: 'Maison', icon: '🏠', position: 7 },
  { slug: 'futs', name: 'Fûts et tonneaux', icon: '🛢️', position: 8 },
] as const;

export type DemoCategorySlug = (typeof DEMO_CATEGORIES)[number]['slug'];

export interface DemoProduct {
  name: string;
  description: string;
  price: number;
  stock: number;
  category: DemoCategorySlug;
  specifications?: Specifications;
}

export interface DemoStore {
  /** The demo store owner's phone in auth's demo accounts: the store opens when that account exists. */
  ownerPhone: string;
  name: string;
  description: string;
  category: DemoCategorySlug;
  address: string;
  location: { lat: number; lng: number };
  phone: string;
  deliveryFee: number;
  minOrder: number;
  hours: Record<string, { open: string; close: string }[]>;
  products: DemoProduct[];
}

const WEEK = (open: string, close: string, sunday: boolean): DemoStore['hours'] =>
  Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', ...(sunday ? ['sunday'] : [])].map(
      (day) => [day, [{ open, close }]],
    ),
  );

const barrel = (
  name: string,
  price: number,
  stock: number,
  specifications: {
    origin_country: string;
    previous_content: string;
    volume_liters: number;
    wood_type: string;
    condition: string;
  },
  description: string,
): DemoProduct => ({ name, description, price, stock, category: 'futs', specifications });

/** Three stores in Lomé with ~50 products between them, barrels (seed 003) among them. */
export const DEMO_STORES: DemoStore[] = [
  {
    ownerPhone: '+22890000005',
    name: 'Boutique Bè',
    description: 'Épicerie du quartier de Bè : produits frais et de base, livrés en moto.',
    category: 'epicerie',
    address: 'Rue de Bè 25, Lomé',
    location: { lat: 6.1256, lng: 1.2386 },
    phone: '+22890000005',
    deliveryFee: 500,
    minOrder: 2000,
    hours: WEEK('07:00', '21:00', true),
    products: [
      {
        name: 'Riz parfumé 5 kg',
        description: 'Riz long grain parfumé',
        price: 4500,
        stock: 40,
        category: 'epicerie',
      },
      {
        name: 'Huile de palme rouge 1 L',
        description: 'Huile rouge artisanale',
        price: 1500,
        stock: 30,
        category: 'epicerie',
      },
      {
        name: 'Gari 1 kg',
        description: 'Semoule de manioc du Togo',
        price: 800,
        stock: 50,
        category: 'epicerie',
      },
      {
        name: 'Farine de maïs 2 kg',
        description: 'Pour la pâte et l’akoumé',
        price: 1200,
        stock: 35,
        category: 'epicerie',
      },
      {
        name: 'Haricots niébé 1 kg',
        description: 'Haricots blancs secs',
        price: 1000,
        stock: 25,
        category: 'epicerie',
      },
      {
        name: 'Sucre en morceaux 1 kg',
        description: 'Sucre blanc',
        price: 900,
        stock: 20,
        category: 'epicerie',
      },
      {
        name: 'Lait concentré sucré',
        description: 'Boîte de 397 g',
        price: 700,
        stock: 3,
        category: 'epicerie',
      },
      {
        name: 'Piment séché 200 g',
        description: 'Piment rouge moulu',
        price: 600,
        stock: 18,
        category: 'epicerie',
      },
      {
        name: 'Sodabi 1 L',
        description: 'Eau-de-vie de palme traditionnelle',
        price: 3000,
        stock: 12,
        category: 'boissons',
      },
      {
        name: 'Bissap 1 L',
        description: 'Jus de fleurs d’hibiscus frais',
        price: 800,
        stock: 24,
        category: 'boissons',
      },
      {
        name: 'Jus de gingembre 1 L',
        description: 'Gingembre pressé, peu sucré',
        price: 800,
        stock: 20,
        category: 'boissons',
      },
      {
        name: 'Eau minérale pack 6 x 1,5 L',
        description: 'Eau de source',
        price: 2400,
        stock: 15,
        category: 'boissons',
      },
      {
        name: 'Tomates fraîches 1 kg',
        description: 'Tomates du marché de Bè',
        price: 700,
        stock: 30,
        category: 'fruits-legumes',
      },
      {
        name: 'Mangues Kent (lot de 5)',
        description: 'Mangues mûres et sucrées',
        price: 1500,
        stock: 22,
        category: 'fruits-legumes',
      },
      {
        name: 'Ananas pain de sucre',
        description: 'Ananas du Togo',
        price: 1000,
        stock: 16,
        category: 'fruits-legumes',
      },
      {
        name: 'Igname 3 kg',
        description: 'Igname pour le foufou',
        price: 2500,
        stock: 14,
        category: 'fruits-legumes',
      },
      {
        name: 'Avocats (lot de 4)',
        description: 'Avocats bien mûrs',
        price: 1000,
        stock: 2,
        category: 'fruits-legumes',
      },
    ],
  },
  {
    ownerPhone: '+22890000006',
    name: 'Marché de Tokoin',
    description: 'Pagnes, mode et artisanat de Tokoin, avec un rayon électronique.',
    category: 'mode',
    address: 'Boulevard du 13 Janvier, Tokoin, Lomé',
    location: { lat: 6.1465, lng: 1.2157 },
    phone: '+22890000006',
    deliveryFee: 1000,
    minOrder: 5000,
    hours: WEEK('08:30', '19:00', false),
    products: [
      {
        name: 'Pagne wax 6 yards',
        description: 'Pagne wax 100 % coton, motifs variés',
        price: 15000,
        stock: 20,
        category: 'mode',
      },
      {
        name: 'Chemise en pagne homme',
        description: 'Coupe droite, taille M à XXL',
        price: 12000,
        stock: 15,
        category: 'mode',
      },
      {
        name: 'Robe en kente',
        description: 'Robe de cérémonie tissée main',
        price: 35000,
        stock: 5,
        category: 'mode',
      },
      {
        name: 'Sandales en cuir',
        description: 'Cuir tanné à Lomé',
        price: 8000,
        stock: 18,
        category: 'mode',
      },
      {
        name: 'Sac en raphia',
        description: 'Sac tressé à la main',
        price: 6000,
        stock: 10,
        category: 'artisanat',
      },
      {
        name: 'Masque en bois sculpté',
        description: 'Bois d’ébène, artisan de Kpalimé',
        price: 25000,
        stock: 4,
        category: 'artisanat',
      },
      {
        name: 'Djembé 50 cm',
        description: 'Peau de chèvre, bois de caïlcédrat',
        price: 45000,
        stock: 3,
        category: 'artisanat',
      },
      {
        name: 'Panier tressé',
        description: 'Panier de marché en osier',
        price: 4000,
        stock: 12,
        category: 'artisanat',
      },
      {
        name: 'Batik mural',
        description: 'Tenture teinte à la cire',
        price: 18000,
        stock: 6,
        category: 'artisanat',
      },
      {
        name: 'Chargeur solaire USB',
        description: 'Panneau 10 W avec batterie',
        price: 15000,
        stock: 9,
        category: 'electronique',
      },
      {
        name: 'Téléphone à clapet double SIM',
        description: 'Autonomie d’une semaine',
        price: 12000,
        stock: 7,
        category: 'electronique',
      },
      {
        name: 'Écouteurs Bluetooth',
        description: 'Boîtier de recharge inclus',
        price: 9000,
        stock: 11,
        category: 'electronique',
      },
      {
        name: 'Lampe LED rechargeable',
        description: 'Pour les coupures de courant',
        price: 5000,
        stock: 25,
        category: 'maison',
      },
      {
        name: 'Ventilateur de table',
        description: '3 vitesses, 40 cm',
        price: 14000,
        stock: 8,
        category: 'maison',
      },
      {
        name: 'Marmite en fonte 10 L',
        description: 'Pour les grandes familles',
        price: 16000,
        stock: 5,
        category: 'maison',
      },
      {
        name: 'Natte en paille',
        description: 'Natte tressée 2 x 1 m',
        price: 3500,
        stock: 14,
        category: 'maison',
      },
    ],
  },
  {
    ownerPhone: '+22890000007',
    name: 'Tonnellerie du Golfe',
    description: 'Fûts de vin, de whisky et de rhum reconditionnés, importés et réparés à Lomé.',
    category: 'futs',
    address: 'Zone portuaire, Lomé',
    location: { lat: 6.1376, lng: 1.2829 },
    phone: '+22890000007',
    deliveryFee: 5000,
    minOrder: 20000,
    hours: WEEK('08:00', '17:30', false),
    products: [
      barrel(
        'Fût de chêne français 225 L',
        180000,
        6,
        {
          origin_country: 'France',
          previous_content: 'Vin rouge de Bordeaux',
          volume_liters: 225,
          wood_type: 'Chêne français',
          condition: 'Reconditionné',
        },
        'Barrique bordelaise, douelles poncées et cerclage neuf.',
      ),
      barrel(
        'Fût de chêne américain 200 L',
        150000,
        8,
        {
          origin_country: 'États-Unis',
          previous_content: 'Bourbon',
          volume_liters: 200,
          wood_type: 'Chêne américain',
          condition: 'Usagé',
        },
        'Ancien fût de bourbon du Kentucky, bousinage intense.',
      ),
      barrel(
        'Barrique de chêne 300 L',
        210000,
        3,
        {
          origin_country: 'France',
          previous_content: 'Cognac',
          volume_liters: 300,
          wood_type: 'Chêne du Limousin',
          condition: 'Reconditionné',
        },
        'Grande barrique ayant contenu du cognac.',
      ),
      barrel(
        'Fût de whisky écossais 190 L',
        140000,
        5,
        {
          origin_country: 'Écosse',
          previous_content: 'Whisky single malt',
          volume_liters: 190,
          wood_type: 'Chêne américain',
          condition: 'Usagé',
        },
        'Hogshead de distillerie du Speyside.',
      ),
      barrel(
        'Fût de rhum 180 L',
        120000,
        7,
        {
          origin_country: 'Martinique',
          previous_content: 'Rhum agricole',
          volume_liters: 180,
          wood_type: 'Chêne français',
          condition: 'Usagé',
        },
        'Fût de rhum vieux, arômes de vanille.',
      ),
      barrel(
        'Fût de porto 500 L',
        320000,
        2,
        {
          origin_country: 'Portugal',
          previous_content: 'Porto tawny',
          volume_liters: 500,
          wood_type: 'Chêne portugais',
          condition: 'Reconditionné',
        },
        'Pipe de porto, rare.',
      ),
      barrel(
        'Tonneau en acacia 100 L',
        90000,
        6,
        {
          origin_country: 'Hongrie',
          previous_content: 'Vin blanc',
          volume_liters: 100,
          wood_type: 'Acacia',
          condition: 'Neuf',
        },
        'Tonneau neuf en acacia, chauffe légère.',
      ),
      barrel(
        'Fût de chêne neuf 225 L',
        260000,
        4,
        {
          origin_country: 'France',
          previous_content: 'Aucun',
          volume_liters: 225,
          wood_type: 'Chêne français',
          condition: 'Neuf',
        },
        'Barrique neuve, chauffe moyenne.',
      ),
      barrel(
        'Demi-fût de chêne (jardinière)',
        25000,
        20,
        {
          origin_country: 'France',
          previous_content: 'Vin rouge',
          volume_liters: 112,
          wood_type: 'Chêne français',
          condition: 'Décoratif',
        },
        'Demi-barrique pour jardin ou décoration.',
      ),
      barrel(
        'Fût de sherry 250 L',
        230000,
        3,
        {
          origin_country: 'Espagne',
          previous_content: 'Xérès oloroso',
          volume_liters: 250,
          wood_type: 'Chêne européen',
          condition: 'Usagé',
        },
        'Butt de sherry d’Andalousie.',
      ),
      barrel(
        'Petit fût de chêne 20 L',
        45000,
        10,
        {
          origin_country: 'France',
          previous_content: 'Aucun',
          volume_liters: 20,
          wood_type: 'Chêne français',
          condition: 'Neuf',
        },
        'Pour l’affinage maison du sodabi.',
      ),
      barrel(
        'Fût de châtaignier 100 L',
        70000,
        5,
        {
          origin_country: 'Italie',
          previous_content: 'Vinaigre balsamique',
          volume_liters: 100,
          wood_type: 'Châtaignier',
          condition: 'Usagé',
        },
        'Fût de vinaigre balsamique de Modène.',
      ),
      barrel(
        'Fût de mezcal 200 L',
        160000,
        2,
        {
          origin_country: 'Mexique',
          previous_content: 'Mezcal',
          volume_liters: 200,
          wood_type: 'Chêne blanc',
          condition: 'Usagé',
        },
        'Fût fumé d’Oaxaca.',
      ),
      barrel(
        'Table-fût de bar',
        85000,
        4,
        {
          origin_country: 'France',
          previous_content: 'Vin rouge',
          volume_liters: 225,
          wood_type: 'Chêne français',
          condition: 'Décoratif',
        },
        'Fût monté en table haute.',
      ),
      barrel(
        'Fût de cidre 150 L',
        80000,
        5,
        {
          origin_country: 'France',
          previous_content: 'Calvados',
          volume_liters: 150,
          wood_type: 'Chêne',
          condition: 'Reconditionné',
        },
        'Fût normand de calvados.',
      ),
      barrel(
        'Fût de vin de palme 60 L',
        35000,
        9,
        {
          origin_country: 'Togo',
          previous_content: 'Vin de palme',
          volume_liters: 60,
          wood_type: 'Iroko',
          condition: 'Neuf',
        },
        'Tonneau local en iroko, fait à Lomé.',
      ),
    ],
  },
];

/** Demo clients (auth's demo accounts): one with a delivered and a paid order, the B2B one with a cart. */
export const DEMO_CLIENTS = {
  withOrders: { phone: '+22890000002', name: 'Kossi Mensah' },
  withCart: { phone: '+22890000003', name: 'Ama Lawson' },
} as const;
