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

function buildFormats(language: Language) {
  const { locale } = MESSAGES[language];
  const integer = new Intl.NumberFormat(locale);
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const romeTime = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Rome', ...options });
  const dateTime = romeTime({ dateStyle: 'medium', timeStyle: 'short' });
  const time = romeTime({ hour: '2-digit', minute: '2-digit' });
  const slotTime = romeTime({ weekday: 'long', hour: '2-digit', minute: '2-digit' });
  return {
    count: (n: number) => integer.format(n),
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
