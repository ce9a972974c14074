import { escapeHtml } from '../html.js';
import { type Language, MESSAGES } from './messages.js';

type Formats = ReturnType<typeof buildFormats>;
const formats = new Map<Language, Formats>();

/**
 * Number, percentage and time formats of a language, built once: every page render (and every
 * live update) uses them many times, and Intl formatters are costly to construct.
 */
export function formatsOf(language: Language): Formats {
  let built = formats.get(language);
  if (!built) {
    built = buildFormats(language);
    formats.set(language, built);
  }
  return built;
}

/** The offset an ISO 8601 instant is written in, in minutes east of UTC (Z: 0). */
function offsetMinutesOf(iso: string): number {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function buildFormats(language: Language) {
  const { locale } = MESSAGES[language];
  const integer = new Intl.NumberFormat(locale);
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const romeTime = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Rome', ...options });
  const dateTime = romeTime({ dateStyle: 'medium', timeStyle: 'short' });
  const time = romeTime({ hour: '2-digit', minute: '2-digit' });
  const slotTime = romeTime({ weekday: 'long', hour: '2-digit', minute: '2-digit' });
  const offsetTime = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', hour: '2-digit', minute: '2-digit' });
  const offsetDay = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long' });
  return {
    count: (n: number) => integer.format(n),
    /** A signed figure: +12, −3 (a true minus sign). */
    signed: (n: number) => (n < 0 ? `−${integer.format(-n)}` : `+${integer.format(n)}`),
    /**
     * The time and day of an ISO 8601 instant in the local time its own offset says (the
     * definition's), not the reader's: "23:00", "25 maggio".
     */
    atOwnOffset: (iso: string) => {
      const shifted = new Date(Date.parse(iso) + offsetMinutesOf(iso) * 60_000);
      return { time: offsetTime.format(shifted), day: offsetDay.format(shifted) };
    },
    percent: (n: number) => `${decimal.format(n)}%`,
    /** A signed difference in percentage points: "+1,20 p.p.", "−0,35 p.p." (a minus sign), "0,00 p.p.". */
    points: (n: number) =>
      `${n > 0 ? '+' : n < 0 ? '\u2212' : ''}${decimal.format(Math.abs(n))}\u00a0${MESSAGES[language].comparison.unit}`,
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    time: (iso: string) => time.format(new Date(iso)),
    /**
     * A turnout slot's name, as HTML: its own label in Italian; in other languages its weekday
     * and time, or, with no time given, the Italian label marked as Italian for screen readers.
     */
    slot: (slot: { label: string; at: string | null }) =>
      language === 'it'
        ? escapeHtml(slot.label)
        : slot.at
          ? escapeHtml(slotTime.format(new Date(slot.at)))
          : `<span lang="it">${escapeHtml(slot.label)}</span>`,
  };
}
