import type { OrderPlacedEvent } from '@ecom/contracts';

import {
  formatXof,
  maskAddress,
  minutesLeft,
  orderStatusChanged,
  otpSms,
  plain,
  sellerOrderWhatsapp,
  transferReceived,
  welcomeInApp,
  whatsappVariable,
} from './message-templates';

const order: OrderPlacedEvent = {
  order_id: '7d1c1f0e-5b1a-4e8e-9c55-2b2f0f3a9a10',
  order_number: 'CMD-2026-000042',
  store: {
    id: 'b2f7a7e4-0c1d-4a8e-9f1b-0d6f3b5c2a11',
    name: 'Boutique Afi',
    owner_id: 'a3c1d2e4-5f60-4718-8a9b-0c1d2e3f4a50',
    phone: '+22890112233',
  },
  customer: { user_id: 'c4d2e3f5-6a71-4829-9bac-1d2e3f4a5b60', name: 'Kofi Mensah', phone: '+22891445566' },
  items: [
    { product_id: 'p1', name: 'T-shirt Blanc', quantity: 2, unit_price: 5000, line_total: 10000 },
    { product_id: 'p2', name: 'Cookies Chocolat', quantity: 1, unit_price: 1500, line_total: 1500 },
  ],
  subtotal: 11500,
  delivery_fee: 1000,
  total_amount: 12500,
  currency: 'XOF',
  delivery_address: 'Rue 124, Bè Kpota, Lomé',
  special_instructions: 'Appeler avant de venir',
  payment_method: 'cash_on_delivery',
  manage_url: 'https://vendeur.ecom.tg/orders/7d1c1f0e-5b1a-4e8e-9c55-2b2f0f3a9a10',
  placed_at: '2026-03-10T09:15:00.000Z',
};

describe('notification templates', () => {
  it('renders the French OTP SMS word for word', () => {
    expect(otpSms('123456', 5)).toBe(
      'Votre code Ecom : 123456. Il expire dans 5 minutes. Ne le partagez avec personne.',
    );
  });

  it('renders the English OTP SMS and a singular minute', () => {
    expect(otpSms('000111', 1, 'en')).toBe(
      'Your Ecom code: 000111. It expires in 1 minute. Do not share it with anyone.',
    );
  });

  it('counts whole minutes from issue to expiry, never below one', () => {
    const issued = new Date('2026-01-01T10:00:00Z');

    expect(minutesLeft(issued, new Date('2026-01-01T10:05:00.400Z'))).toBe(5);
    expect(minutesLeft(issued, new Date('2026-01-01T10:00:10Z'))).toBe(1);
  });

  it('greets the new user by first name in French', () => {
    expect(welcomeInApp(' Afi ')).toBe(
      'Bienvenue sur Ecom, Afi ! Votre compte est prêt : commandez, payez et déplacez-vous en toute simplicité.',
    );
  });

  it('masks all but the country prefix and last two digits of a phone', () => {
    expect(maskAddress('+22890123467')).toBe('+22890****67');
  });

  it('writes amounts in F CFA with thousands grouped by a plain space', () => {
    expect(formatXof(12500)).toBe('12 500 F CFA');
    expect(formatXof(1234567)).toBe('1 234 567 F CFA');
    expect(formatXof(500)).toBe('500 F CFA');
    expect(formatXof(0)).toBe('0 F CFA');
  });

  it('writes the seller’s WhatsApp for a new order in seed 000’s layout, word for word', () => {
    expect(sellerOrderWhatsapp(order, 'fr').body).toBe(
      [
        '🚀 *Nouvelle Commande Boutique Afi !*',
        '---------------------------',
        'Commande : CMD-2026-000042',
        'Client : Kofi Mensah',
        'Téléphone : +22891445566',
        'Adresse de livraison : Rue 124, Bè Kpota, Lomé',
        '',
        'Articles :',
        '- 2x T-shirt Blanc (10 000 F CFA)',
        '- 1x Cookies Chocolat (1 500 F CFA)',
        '',
        'Instructions : Appeler avant de venir',
        '',
        '*Total : 12 500 F CFA*',
        '---------------------------',
        'Lien de gestion : https://vendeur.ecom.tg/orders/7d1c1f0e-5b1a-4e8e-9c55-2b2f0f3a9a10',
      ].join('\n'),
    );
  });

  it('leaves the instructions line out when the customer gave none, and speaks English to an English seller', () => {
    const body = sellerOrderWhatsapp({ ...order, special_instructions: null }, 'en').body;

    expect(body).not.toContain('Instructions');
    expect(body.split('\n').slice(0, 3)).toEqual([
      '🚀 *New Order Boutique Afi!*',
      '---------------------------',
      'Order : CMD-2026-000042',
    ]);
    expect(body).toContain('\n- 2x T-shirt Blanc (10 000 F CFA)\n');
  });

  it('keeps a customer’s text from forging lines or bold in the seller’s message', () => {
    const forged = sellerOrderWhatsapp(
      {
        ...order,
        customer: { ...order.customer, name: 'Kofi\n*Total : 1 F CFA*' },
        special_instructions: 'Porte\r\nbleue_*',
      },
      'fr',
    ).body;

    expect(forged).toContain('Client : Kofi Total : 1 F CFA\n');
    expect(forged).toContain('Instructions : Porte bleue\n');
    expect(forged.match(/^\*Total/gm)).toHaveLength(1);
  });

  it('hands the same facts to the WhatsApp template, one line each', () => {
    const { template } = sellerOrderWhatsapp(order, 'fr');

    expect(template?.name).toBe('ecom_new_order');
    expect(template?.parameters).toEqual([
      'Boutique Afi',
      'CMD-2026-000042',
      'Kofi Mensah',
      '+22891445566',
      'Rue 124, Bè Kpota, Lomé',
      '2x T-shirt Blanc (10 000 F CFA), 1x Cookies Chocolat (1 500 F CFA)',
      'Appeler avant de venir',
      '12 500 F CFA',
      order.manage_url,
    ]);
    expect(template?.parameters.some((parameter) => parameter.includes('\n'))).toBe(false);
  });

  it('makes variables one line, without control characters, and caps their length', () => {
    expect(plain('  Afi\u0000\tK.\n ')).toBe('Afi K.');
    expect(plain('x'.repeat(500))).toHaveLength(200);
    expect(whatsappVariable('*gras* _it_ ~barré~ `code`')).toBe('gras it barré code');
  });

  it('tells order changes and transfers in French, then English', () => {
    expect(orderStatusChanged('CMD-1', 'out_for_delivery', 'fr').body).toBe(
      'Votre commande CMD-1 est en cours de livraison.',
    );
    expect(orderStatusChanged('CMD-1', 'delivered', 'en').body).toBe('Your order CMD-1 has been delivered.');
    const transfer = {
      transfer_id: 't',
      sender_id: 's',
      receiver_id: 'r',
      amount: 25000,
      currency: 'XOF' as const,
      description: 'Loyer\nmars',
      sender_balance_after: 75000,
      receiver_balance_after: 125000,
    };
    expect(transferReceived(transfer, 'fr').body).toBe(
      'Vous avez reçu 25 000 F CFA « Loyer mars ». Nouveau solde : 125 000 F CFA.',
    );
  });
});
