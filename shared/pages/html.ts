/** What every page of the site is written with: escaping, the icon's link, the head's first lines. */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and quoted attribute values. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** The site's icon (site/favicon.svg), linked from every page's head so no browser asks for /favicon.ico. */
export const FAVICON_PATH = '/favicon.svg';
export const FAVICON_LINK = `<link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml">`;

/** A page's first lines, up to its head's own: the language, the charset, the icon, a phone's viewport. */
export const pageStart = (language: string) => `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
${FAVICON_LINK}
<meta name="viewport" content="width=device-width, initial-scale=1">`;
