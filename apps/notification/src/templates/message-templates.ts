import type {
  OrderPlacedEvent,
  OrderStatus,
  PaymentIntentEvent,
  RideStatus,
  TransferCompletedEvent,
} from '@ecom/contracts';

import type { MessageContent } from '../channels/delivery-channel';

/** Locales templates are written in; French first. */
export const LOCALES = ['fr', 'en'] as const;

export type Locale = (typeof LOCALES)[number];

export function toLocale(value: string | null | undefined): Locale {
  return value === 'en' ? 'en' : 'fr';
}

/** Seed 000's separator line under the header and above the management link. */
const SEPARATOR = '---------------------------';
const MAX_VARIABLE = 200;

/**
 * A variable as it may appear in a plain-text message: one line (a newline in a name must not forge a
 * line such as a fake total), control characters gone, length capped.
 */
export function plain(value: string): string {
  const line = value
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

  return line.length > MAX_VARIABLE ? `${line.slice(0, MAX_VARIABLE - 1)}…` : line;
}

/** A variable inside a WhatsApp text: one line, and without the markers that would bold or strike it. */
export function whatsappVariable(value: string): string {
  return plain(value.replace(/[*_~`]/g, ''));
}

/** `12 500 F CFA`: XOF has no minor unit; thousands are grouped with a plain space. */
export function formatXof(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

  return `${sign}${digits} F CFA`;
}

/** Whole minutes a code stays valid, from when it was issued (at least 1). */
export function minutesLeft(issuedAt: Date, expiresAt: Date): number {
  return Math.max(1, Math.round((expiresAt.getTime() - issuedAt.getTime()) / 60_000));
}

/** The one-time code SMS. The code is digits we made; nothing else is a variable. */
export function otpSms(code: string, minutes: number, locale: Locale = 'fr'): string {
  switch (locale) {
    case 'fr':
      return `Votre code Ecom : ${code}. Il expire dans ${minutes} minute${minutes > 1 ? 's' : ''}. Ne le partagez avec personne.`;
    case 'en':
      return `Your Ecom code: ${code}. It expires in ${minutes} minute${minutes > 1 ? 's' : ''}. Do not share it with anyone.`;
  }
}

/** The code on any channel: SMS text, WhatsApp authentication template, push. */
export function otpMessage(code: string, minutes: number, locale: Locale): MessageContent {
  return {
    body: otpSms(code, minutes, locale),
    title: locale === 'fr' ? 'Code de vérification Ecom' : 'Ecom verification code',
    template: { name: 'ecom_otp', parameters: [code], copyCode: code },
  };
}

/** The welcome note in a new user's inbox. */
export function welcomeInApp(firstName: string, locale: Locale = 'fr'): string {
  const name = plain(firstName);
  switch (locale) {
    case 'fr':
      return `Bienvenue sur Ecom${name ? `, ${name}` : ''} ! Votre compte est prêt : commandez, payez et déplacez-vous en toute simplicité.`;
    case 'en':
      return `Welcome to Ecom${name ? `, ${name}` : ''}! Your account is ready: shop, pay and get around with ease.`;
  }
}

/**
 * The seller's WhatsApp for a new order, seed 000's layout line for line (header, separators, customer,
 * phone, items with line totals, bold total, management link) with the order number, the delivery address
 * and the customer's instructions added. The template form carries the same facts on one line each, for
 * numbers outside WhatsApp's 24 h window (template parameters cannot hold line breaks).
 */
export function sellerOrderWhatsapp(order: OrderPlacedEvent, locale: Locale): MessageContent {
  const v = whatsappVariable;
  const items = order.items.map(
    (item) => `- ${item.quantity}x ${v(item.name)} (${formatXof(item.line_total)})`,
  );
  const instructions = order.special_instructions ? v(order.special_instructions) : '';
  const fr = locale === 'fr';
  const lines = [
    fr ? `🚀 *Nouvelle Commande ${v(order.store.name)} !*` : `🚀 *New Order ${v(order.store.name)}!*`,
    SEPARATOR,
    `${fr ? 'Commande' : 'Order'} : ${v(order.order_number)}`,
    `${fr ? 'Client' : 'Customer'} : ${v(order.customer.name)}`,
    `${fr ? 'Téléphone' : 'Phone'} : ${v(order.customer.phone)}`,
    `${fr ? 'Adresse de livraison' : 'Delivery address'} : ${v(order.delivery_address)}`,
    '',
    `${fr ? 'Articles' : 'Items'} :`,
    ...items,
    '',
    ...(instructions ? [`Instructions : ${instructions}`, ''] : []),
    `*Total : ${formatXof(order.total_amount)}*`,
    SEPARATOR,
    `${fr ? 'Lien de gestion' : 'Manage'} : ${order.manage_url}`,
  ];

  return {
    body: lines.join('\n'),
    template: {
      name: 'ecom_new_order',
      parameters: [
        v(order.store.name),
        v(order.order_number),
        v(order.customer.name),
        v(order.customer.phone),
        v(order.delivery_address),
        order.items
          .map((item) => `${item.quantity}x ${v(item.name)} (${formatXof(item.line_total)})`)
          .join(', '),
        instructions || '-',
        formatXof(order.total_amount),
        order.manage_url,
      ],
    },
  };
}

export function customerOrderPlaced(order: OrderPlacedEvent, locale: Locale): MessageContent {
  const store = plain(order.store.name);
  const total = formatXof(order.total_amount);

  return locale === 'fr'
    ? {
        title: 'Commande enregistrée',
        body: `Votre commande ${plain(order.order_number)} chez ${store} est enregistrée (${total}). Le vendeur la prépare.`,
      }
    : {
        title: 'Order placed',
        body: `Your order ${plain(order.order_number)} from ${store} is placed (${total}). The seller is preparing it.`,
      };
}

const ORDER_STATUS_TEXT: Record<OrderStatus, Record<Locale, string>> = {
  pending: { fr: 'est en attente', en: 'is pending' },
  confirmed: { fr: 'est confirmée', en: 'is confirmed' },
  preparing: { fr: 'est en préparation', en: 'is being prepared' },
  ready: { fr: 'est prête', en: 'is ready' },
  out_for_delivery: { fr: 'est en cours de livraison', en: 'is out for delivery' },
  delivered: { fr: 'a été livrée', en: 'has been delivered' },
  cancelled: { fr: 'a été annulée', en: 'has been cancelled' },
};

export function orderStatusChanged(orderNumber: string, status: OrderStatus, locale: Locale): MessageContent {
  const text = ORDER_STATUS_TEXT[status][locale];

  return locale === 'fr'
    ? { title: 'Suivi de commande', body: `Votre commande ${plain(orderNumber)} ${text}.` }
    : { title: 'Order update', body: `Your order ${plain(orderNumber)} ${text}.` };
}

export function paymentOutcome(
  payment: PaymentIntentEvent,
  succeeded: boolean,
  locale: Locale,
): MessageContent {
  const amount = formatXof(succeeded ? payment.captured_amount || payment.amount : payment.amount);
  const label = payment.reference_label ? ` (${plain(payment.reference_label)})` : '';
  if (locale === 'fr') {
    return succeeded
      ? { title: 'Paiement reçu', body: `Votre paiement de ${amount}${label} a réussi.` }
      : {
          title: 'Paiement échoué',
          body: `Votre paiement de ${amount}${label} a échoué. Aucun montant n’a été débité.`,
        };
  }

  return succeeded
    ? { title: 'Payment received', body: `Your payment of ${amount}${label} went through.` }
    : { title: 'Payment failed', body: `Your payment of ${amount}${label} failed. Nothing was charged.` };
}

export function transferSent(transfer: TransferCompletedEvent, locale: Locale): MessageContent {
  const amount = formatXof(transfer.amount);
  const balance = formatXof(transfer.sender_balance_after);

  return locale === 'fr'
    ? { title: 'Transfert envoyé', body: `Vous avez envoyé ${amount}. Nouveau solde : ${balance}.` }
    : { title: 'Transfer sent', body: `You sent ${amount}. New balance: ${balance}.` };
}

export function transferReceived(transfer: TransferCompletedEvent, locale: Locale): MessageContent {
  const amount = formatXof(transfer.amount);
  const balance = formatXof(transfer.receiver_balance_after);
  const note = transfer.description ? ` « ${plain(transfer.description)} »` : '';

  return locale === 'fr'
    ? { title: 'Transfert reçu', body: `Vous avez reçu ${amount}${note}. Nouveau solde : ${balance}.` }
    : { title: 'Transfer received', body: `You received ${amount}${note}. New balance: ${balance}.` };
}

const RIDE_TEXT: Record<RideStatus, Record<'rider' | 'driver', Record<Locale, string>>> = {
  requested: {
    rider: {
      fr: 'Nous cherchons un chauffeur pour votre course.',
      en: 'We are finding a driver for your ride.',
    },
    driver: { fr: 'Nouvelle course proposée.', en: 'New ride offered.' },
  },
  accepted: {
    rider: { fr: 'Un chauffeur a accepté votre course.', en: 'A driver accepted your ride.' },
    driver: {
      fr: 'Course acceptée : rendez-vous au point de départ.',
      en: 'Ride accepted: head to the pickup.',
    },
  },
  driver_arrived: {
    rider: { fr: 'Votre chauffeur est arrivé.', en: 'Your driver has arrived.' },
    driver: { fr: 'Le client est prévenu de votre arrivée.', en: 'The rider knows you have arrived.' },
  },
  in_progress: {
    rider: { fr: 'Votre course a commencé. Bon trajet !', en: 'Your ride has started. Enjoy!' },
    driver: { fr: 'Course démarrée.', en: 'Ride started.' },
  },
  completed: {
    rider: { fr: 'Course terminée. Montant : {fare}.', en: 'Ride completed. Fare: {fare}.' },
    driver: { fr: 'Course terminée. Montant : {fare}.', en: 'Ride completed. Fare: {fare}.' },
  },
  cancelled: {
    rider: { fr: 'Votre course a été annulée.', en: 'Your ride was cancelled.' },
    driver: { fr: 'La course a été annulée.', en: 'The ride was cancelled.' },
  },
};

export function rideUpdate(
  status: RideStatus,
  fare: number,
  role: 'rider' | 'driver',
  locale: Locale,
): MessageContent {
  return {
    title: locale === 'fr' ? 'Votre course' : 'Your ride',
    body: RIDE_TEXT[status][role][locale].replace('{fare}', formatXof(fare)),
  };
}

/** A phone or address as logs and admin listings may show it: `+22890****67`. */
export function maskAddress(address: string): string {
  if (address.length <= 6) return '*'.repeat(address.length);

  return `${address.slice(0, 6)}${'*'.repeat(Math.max(4, address.length - 8))}${address.slice(-2)}`;
}
