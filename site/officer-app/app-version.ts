/**
 * The officer app's version, set by the build (site/build.ts: package.json's version) and sent
 * with every call as `X-App-Version`, so staff see which version each polling station runs.
 */
declare const __OFFICER_APP_VERSION__: string | undefined;

export const APP_VERSION = typeof __OFFICER_APP_VERSION__ === 'string' ? __OFFICER_APP_VERSION__ : 'dev';
