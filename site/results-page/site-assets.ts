/**
 * The site's static assets, at stable paths: uploaded with each deployment (and by `npm start`),
 * cached briefly by browsers and the CDN, so a deployment reaches every reader within minutes.
 */
export const SITE_ASSETS = {
  resultsScript: '/assets/results-page.js',
  resultsStyle: '/assets/results-page.css',
  rehearsalWatermark: '/assets/rehearsal-watermark.svg',
} as const;
