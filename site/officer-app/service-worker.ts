/**
 * The officer app's service worker: keeps the app itself on the phone, so that it opens, with
 * the last copy of the section and the outbox, even where there is no signal. The API is never
 * cached: submissions go through the outbox, answers come from the server.
 */
/** The few service-worker types used here (the WebWorker library cannot share a program with DOM's). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}
const worker = self as unknown as WorkerScope;
/** The app's page and its hashed assets, set by the build. */
declare const APP_FILES: string[];

/** One cache per build: the hashed names make it unique, and activation drops the older ones. */
const CACHE = `officer-app:${APP_FILES.join(',')}`;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(APP_FILES))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (
    event.request.method !== 'GET' ||
    url.origin !== worker.location.origin ||
    url.pathname.startsWith('/v1/')
  )
    return;
  if (event.request.mode === 'navigate') {
    // The page: the network's newest when there is one, else the copy kept here.
    event.respondWith(
      fetch(event.request).catch(async () => (await caches.match('/officer/')) ?? Response.error()),
    );
  } else if (APP_FILES.includes(url.pathname)) {
    // Hashed assets never change: the copy kept here is as good as the network's.
    event.respondWith(caches.match(url.pathname).then((kept) => kept ?? fetch(event.request)));
  }
});
