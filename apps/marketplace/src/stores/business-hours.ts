import { WEEKDAYS, type StoreView, type Weekday } from '@ecom/contracts';

export type OpeningHours = StoreView['business_hours'];

/** Stores keep the hours of Lomé: Africa/Lome (UTC+0, no daylight saving, but said so on purpose). */
const LOME_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Africa/Lome',
  weekday: 'long',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function minutes(time: string): number {
  const [hours = '0', mins = '0'] = time.split(':');

  return Number(hours) * 60 + Number(mins);
}

/** Whether the store is open at `at`, Lomé time; a span whose close is before its open runs past midnight. */
export function isOpenAt(hours: OpeningHours, at: Date): boolean {
  const parts = LOME_CLOCK.formatToParts(at);
  const weekday = parts.find((part) => part.type === 'weekday')?.value.toLowerCase() as Weekday;
  const now =
    Number(parts.find((part) => part.type === 'hour')?.value) * 60 +
    Number(parts.find((part) => part.type === 'minute')?.value);
  const today = WEEKDAYS.indexOf(weekday);
  const yesterday = WEEKDAYS[(today + 6) % 7] as Weekday;
  const openToday = (hours[weekday] ?? []).some((span) => {
    const open = minutes(span.open);
    const close = minutes(span.close);

    return close > open ? now >= open && now < close : now >= open;
  });
  const openFromYesterday = (hours[yesterday] ?? []).some((span) => {
    const open = minutes(span.open);
    const close = minutes(span.close);

    return close <= open && now < close;
  });

  return openToday || openFromYesterday;
}
