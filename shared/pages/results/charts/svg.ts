/**
 * The frame every picture of the page shares: an inline SVG (no request, nothing the strict
 * Content-Security-Policy refuses: presentation attributes, never a style attribute) with a
 * role, a title and a description a screen reader reads instead of the drawing.
 */
import { escapeHtml } from '../../html.js';

export interface PictureFrame {
  /** Unique in the page: the title and description are named after it. */
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  /** `img` for a drawing; `group` for one whose parts are links (a map). */
  role?: 'img' | 'group';
  className: string;
}

/** The SVG of a picture around `body` (SVG markup the caller escaped). */
export function picture(frame: PictureFrame, body: string): string {
  const { id, width, height } = frame;
  return `<svg class="chart ${frame.className}" role="${frame.role ?? 'img'}" viewBox="0 0 ${width} ${height}" aria-labelledby="${id}-title" aria-describedby="${id}-desc" focusable="false"><title id="${id}-title">${escapeHtml(frame.title)}</title><desc id="${id}-desc">${escapeHtml(frame.description)}</desc>${body}</svg>`;
}

/** A number for an SVG attribute: at most two decimals, no trailing zeros. */
export const n = (value: number) => String(Math.round(value * 100) / 100);

/** HTML text (escaped, maybe with a lang span) as plain text for SVG text and descriptions. */
export const plainText = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** A label cut to `max` characters for a drawing (the full text is in the description and the table). */
export const shortened = (text: string, max = 38) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;
