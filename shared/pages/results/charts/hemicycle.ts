/**
 * The council as a hemicycle: one mark per seat, in rows, coalition after coalition from left to
 * right, each coalition in its colour and its own shape (circle, square, triangle, diamond), so
 * the blocks read apart without colour too; a legend beside names each coalition and its seats.
 */
import { escapeHtml } from '../../html.js';
import { n } from './svg.js';

export interface SeatPosition {
  x: number;
  y: number;
}

/** How many rows `seats` seats take: more seats, more rows, each row readable on a phone. */
export const rowsFor = (seats: number) => Math.max(1, Math.min(8, Math.round(Math.sqrt(seats / 3))));

/**
 * Where each seat sits, in the unit half-disc (centre 0,0, radius 1, y up), ordered from the
 * left end of the arc to the right, so consecutive seats make one wedge. Rows are spread from
 * radius 0.4 to 1; each row holds seats in proportion to its length.
 */
export function seatPositions(seats: number): SeatPosition[] {
  if (seats <= 0) return [];
  const rows = Math.min(rowsFor(seats), seats);
  const radii = Array.from({ length: rows }, (_, i) => (rows === 1 ? 0.7 : 0.4 + (0.6 * i) / (rows - 1)));
  const sum = radii.reduce((a, b) => a + b, 0);
  // Largest remainder: the rows' shares of the seats add up exactly.
  const exact = radii.map((r) => (seats * r) / sum);
  const perRow = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest);
  const missing = seats - perRow.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) {
    const row = order[k % rows]?.i ?? 0;
    perRow[row] = (perRow[row] ?? 0) + 1;
  }
  const all: (SeatPosition & { angle: number; radius: number })[] = [];
  radii.forEach((radius, row) => {
    const count = perRow[row] ?? 0;
    for (let j = 0; j < count; j++) {
      const angle = count === 1 ? Math.PI / 2 : Math.PI * (1 - j / (count - 1));
      all.push({ angle, radius, x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    }
  });
  return all.sort((a, b) => b.angle - a.angle || a.radius - b.radius).map(({ x, y }) => ({ x, y }));
}

/** The smallest distance between two seats: how big a mark may be without touching another. */
function closest(positions: readonly SeatPosition[]): number {
  let min = 1;
  for (let i = 0; i < positions.length; i++)
    for (let j = i + 1; j < positions.length; j++) {
      const a = positions[i] as SeatPosition;
      const b = positions[j] as SeatPosition;
      min = Math.min(min, Math.hypot(a.x - b.x, a.y - b.y));
    }
  return min;
}

/** A seat's mark: a coalition's shape, centred on (x, y), of half-size r. */
export function seatMark(shape: number, x: number, y: number, r: number, attributes: string): string {
  switch (shape % 4) {
    case 1:
      return `<rect x="${n(x - r * 0.9)}" y="${n(y - r * 0.9)}" width="${n(r * 1.8)}" height="${n(r * 1.8)}"${attributes}/>`;
    case 2:
      return `<path d="M${n(x)} ${n(y - r)}L${n(x + r)} ${n(y + r * 0.8)}L${n(x - r)} ${n(y + r * 0.8)}Z"${attributes}/>`;
    case 3:
      return `<path d="M${n(x)} ${n(y - r)}L${n(x + r)} ${n(y)}L${n(x)} ${n(y + r)}L${n(x - r)} ${n(y)}Z"${attributes}/>`;
    default:
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}"${attributes}/>`;
  }
}

export interface SeatBlock {
  name: string;
  seats: number;
  color: string;
  /** The stroke attributes a pale colour needs (palette.ts outlineOf). */
  outline: string;
}

/** The hemicycle's drawing: blocks in order, seat after seat (viewBox 0 0 320 170). */
export function hemicycleBody(blocks: readonly SeatBlock[]): string {
  const total = blocks.reduce((sum, b) => sum + b.seats, 0);
  const positions = seatPositions(total);
  const radius = 150;
  const r = Math.max(2, Math.min(11, (closest(positions) * radius) / 2.3));
  let next = 0;
  return blocks
    .map((block, index) => {
      const marks = positions
        .slice(next, next + block.seats)
        .map((p) =>
          seatMark(
            index,
            160 + p.x * radius,
            160 - p.y * radius,
            r,
            ` fill="${block.color}"${block.outline}`,
          ),
        );
      next += block.seats;
      return `<g>${marks.join('')}</g>`;
    })
    .join('');
}

/** The legend beside the hemicycle: each coalition's mark, name and seats, as text. */
export function seatLegend(blocks: readonly SeatBlock[], label: (block: SeatBlock) => string): string {
  const items = blocks
    .map(
      (block, index) =>
        `<li><svg class="swatch" viewBox="0 0 20 20" aria-hidden="true" focusable="false">${seatMark(index, 10, 10, 8, ` fill="${block.color}"${block.outline}`)}</svg>${escapeHtml(label(block))}</li>`,
    )
    .join('');
  return `<ul class="legend">${items}</ul>`;
}
