import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SITE_MANIFEST_KEY } from '../../shared/pages/site-assets.js';
import type { PublicBucket } from '../../shared/storage/bucket.js';
import { buildSite } from '../../site/build.js';
import { uploadSite } from '../../site/upload.js';

describe('the site build', () => {
  it('given the sources, when built, then every asset is named by its content, cached for good, and the manifest names them', async () => {
    // Act
    const files = await buildSite();
    const manifest = JSON.parse(files.find((f) => f.key === SITE_MANIFEST_KEY)?.body ?? '{}');
    const assets = files.filter((f) => f.key.startsWith('assets/') && f.key !== SITE_MANIFEST_KEY);

    // Assess
    for (const asset of assets) {
      const hash = createHash('sha256').update(asset.body).digest('hex').slice(0, 12);
      expect(asset.key).toMatch(new RegExp(`^assets/[a-z-]+\\.${hash}\\.(js|css|svg)$`));
      expect(asset.cacheControl).toBe('public, max-age=31536000, immutable');
    }
    const keys = assets.map((a) => `/${a.key}`);
    expect(keys).toContain(manifest.resultsScript);
    expect(keys).toContain(manifest.resultsStyle);
    const style = assets.find((a) => `/${a.key}` === manifest.resultsStyle)?.body ?? '';
    const watermark = keys.find((k) => k.includes('rehearsal-watermark'));
    expect(style).toContain(`url(${watermark})`);
    const officerPage = files.find((f) => f.key === 'officer/index.html')?.body ?? '';
    for (const named of officerPage.match(/\/assets\/[^"]+/g) ?? []) expect(keys).toContain(named);
    expect(officerPage.match(/\/assets\/[^"]+/g)).toHaveLength(2);
    // The verification page: its script, its stylesheet, and the QR reader it loads on demand.
    const verifyPage = files.find((f) => f.key === 'verify/index.html')?.body ?? '';
    const verifyAssets = verifyPage.match(/\/assets\/[^"]+/g) ?? [];
    expect(verifyAssets).toHaveLength(3);
    for (const named of verifyAssets) expect(keys).toContain(named);
  });

  it('given a build, when uploaded, then the manifest is written after every asset it names', async () => {
    // Prepare
    const written: string[] = [];
    const bucket: PublicBucket = {
      put: async (key) => {
        await new Promise((resolve) => setTimeout(resolve, key === SITE_MANIFEST_KEY ? 0 : 5));
        written.push(key);
      },
      get: async () => undefined,
      isReachable: async () => true,
    };
    const files = await buildSite();

    // Act
    await uploadSite(bucket, files);

    // Assess
    expect(written).toHaveLength(files.length);
    expect(written.at(-1)).toBe(SITE_MANIFEST_KEY);
    expect(written.indexOf('officer/index.html')).toBeGreaterThan(
      Math.max(...written.map((key, i) => (key.startsWith('assets/') && key !== SITE_MANIFEST_KEY ? i : -1))),
    );
  });
});
