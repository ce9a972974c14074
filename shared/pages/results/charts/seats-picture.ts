/**
 * The summary's council (`seats`) as a hemicycle coloured by coalition, with its legend: each
 * coalition's candidate, its seats, its colour and its shape. Nothing when no council is
 * allocated (no votes yet, a run-off, a referendum).
 */
import type { Summary } from '../../../domain/summary.js';
import { formatsOf } from '../formats.js';
import { type Language, MESSAGES } from '../messages.js';
import { hemicycleBody, type SeatBlock, seatLegend } from './hemicycle.js';
import { colorOf, outlineOf } from './palette.js';
import { picture } from './svg.js';

export function seatsPicture(s: Summary, language: Language): string {
  const seats = s.seats;
  if (seats?.outcome !== 'allocated') return '';
  const t = MESSAGES[language].pictures;
  const f = formatsOf(language);
  const index = new Map(s.candidates.map((c, i) => [c.id, i]));
  const blocks: SeatBlock[] = seats.coalitions
    .filter((c) => c.seats > 0)
    .map((c) => {
      const i = index.get(c.candidateId) ?? 0;
      const color = colorOf(s.candidates[i]?.color, i);
      return {
        name: s.candidates[i]?.name ?? c.candidateId,
        seats: c.seats,
        color,
        outline: outlineOf(color),
      };
    });
  if (!blocks.length) return '';
  const label = (b: SeatBlock) => t.seats(b.name, b.seats, f.count(b.seats));
  const total = blocks.reduce((sum, b) => sum + b.seats, 0);
  const drawing = picture(
    {
      id: 'pic-seats',
      title: t.seatsTitle,
      description: t.seatsDescription(f.count(total), blocks.map(label).join('; ')),
      width: 320,
      height: 170,
      className: 'chart-seats',
    },
    hemicycleBody(blocks),
  );
  return `<figure class="picture">${drawing}<figcaption>${seatLegend(blocks, label)}</figcaption></figure>`;
}
