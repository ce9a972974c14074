/**
 * The results page's script (bundled for the browser): keeps the pre-rendered page current
 * without a reload, and adds the section drill-down. The page works fully without it. On a page
 * that names no election (the front page's list of several) it does nothing.
 */
import type { Summary } from '../../shared/domain/summary.js';
import { formatsOf } from '../../shared/pages/results/formats.js';
import { type Language, MESSAGES } from '../../shared/pages/results/messages.js';
import { openDataLinks, renderLiveContent, renderState } from '../../shared/pages/results/render.js';
import { wireDrillDown } from './drill-down.js';
import { type Pointer, startPolling } from './poller.js';

const meta = (name: string) => document.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? '';
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null;

const language: Language = document.documentElement.lang === 'en' ? 'en' : 'it';
const t = MESSAGES[language];
const f = formatsOf(language);
const electionId = meta('election-id');
const base = `/results/${encodeURIComponent(electionId)}`;

class NotFound extends Error {}

/** JSON from the site; a missing file is `NotFound` (CloudFront answers 403 for a key S3 lacks). */
async function fetchJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (response.status === 404 || response.status === 403) throw new NotFound(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

let latest: Summary | undefined;

function show(summary: Summary) {
  latest = summary;
  if (summary.rehearsal !== document.body.classList.contains('rehearsal')) {
    // The election became, or stopped being, a rehearsal: the whole page must say so.
    location.reload();
    return;
  }
  const live = byId('live');
  const state = byId('state');
  if (live) live.innerHTML = renderLiveContent(summary, language);
  if (state) state.innerHTML = renderState(summary, language);
  for (const [key, href] of Object.entries(openDataLinks(summary))) {
    byId<HTMLAnchorElement>(`data-${key}`)?.setAttribute('href', href);
  }
  document.querySelector('meta[name="results-seq"]')?.setAttribute('content', String(summary.seq));
  const status = byId('live-status');
  if (status)
    status.textContent = t.live.updated(
      f.time(summary.generatedAt),
      f.count(summary.sections.reported),
      f.count(summary.sections.total),
    );
}

/** The summary on screen: the one last shown, else the one this page was rendered from. */
async function currentSummary(): Promise<Summary> {
  if (latest) return latest;
  const path = byId<HTMLAnchorElement>('data-summaryJson')?.getAttribute('href') ?? '';
  latest = await fetchJson<Summary>(path);
  return latest;
}

/**
 * The lobby screen (`?screen` on an election's page): the same page, updating itself as always,
 * set large enough to read across a room (results-page.css, `body.screen`), kept awake where the
 * browser allows it.
 */
function enterScreenMode(): void {
  if (!new URLSearchParams(location.search).has('screen')) return;
  document.body.classList.add('screen');
  const wakeLock = (navigator as { wakeLock?: { request(type: 'screen'): Promise<unknown> } }).wakeLock;
  wakeLock?.request('screen').catch(() => undefined);
}

/** Polling and the drill-down, on a page of one election (the front page's list of several has none). */
function start() {
  enterScreenMode();
  const poller = startPolling(
    {
      getPointer: () => fetchJson<Pointer>(`${base}/latest.json`),
      getSummary: (path) => fetchJson<Summary>(path),
      show,
      report(event) {
        const status = byId('live-status');
        if (status)
          status.textContent =
            event.kind === 'failed' ? t.live.retrying(Math.round(event.retryInMs / 1000)) : '';
      },
      schedule(run, ms) {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      },
      isHidden: () => document.visibilityState === 'hidden',
      random: Math.random,
    },
    Number(meta('results-seq')) || 0,
  );
  document.addEventListener('visibilitychange', () => poller.visibilityChanged());

  const form = byId<HTMLFormElement>('drill-form');
  const drillStatus = byId('drill-status');
  const drillOutput = byId('drill-result');
  if (form && drillStatus && drillOutput) {
    wireDrillDown(form, drillStatus, drillOutput, {
      language,
      currentSummary,
      getJson: <T>(path: string) =>
        fetchJson<T>(path).catch((error: unknown) => {
          if (error instanceof NotFound) return undefined;
          throw error;
        }),
    });
  }
}

if (electionId) start();
