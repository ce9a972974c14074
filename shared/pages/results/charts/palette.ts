/**
 * The colours of the page's pictures: a definition's own (`color`, `#rrggbb`), else a default
 * palette whose every colour has at least 4.5:1 contrast with the white page, so a bar or a
 * seat stands out (WCAG 1.4.11 asks 3:1). Colour never carries a figure alone: every picture
 * has labels, shapes and a text alternative too.
 */

export const PALETTE = [
  '#1f5fa8',
  '#c23b22',
  '#1e7b3c',
  '#7b3fa0',
  '#b3600a',
  '#00727a',
  '#a3245c',
  '#5c6b00',
  '#3b4fc4',
  '#7a4a22',
] as const;

/** The colour of the `index`-th item: its own when the definition sets one, else the palette's. */
export const colorOf = (own: string | undefined, index: number): string =>
  own ?? PALETTE[index % PALETTE.length] ?? PALETTE[0];

/** WCAG 2 relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const channel = (at: number) => {
    const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The outline a shape of `color` gets: none when it stands out from the white page; a dark one
 * when a definition's colour is too pale (a yellow list) to see on its own.
 */
export const outlineOf = (color: string): string =>
  contrast(color, '#ffffff') >= 3 ? '' : ' stroke="#1a1a1a" stroke-width="1"';
