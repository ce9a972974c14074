import { describe, expect, it } from 'vitest';
import { receiptLink } from '../../shared/domain/receipt-link.js';
import { groupedReceipt, renderReceipt } from '../../site/officer-app/receipt-view.js';

const receipt = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);
const of = { electionId: 'demo-2026', sectionId: '12', receipt };

describe("the officer app's receipt", () => {
  it('given an answer with a receipt, when shown, then it has the code in groups of four, a QR code and the filled-in link to /verify/', () => {
    // Act
    const html = renderReceipt(of, 'https://risultati.example.it', 'it', 'receipt-1');
    // Assess
    const link = receiptLink('https://risultati.example.it', of);
    expect(link).toBe(
      `https://risultati.example.it/verify/?election=demo-2026&section=12&receipt=${receipt}`,
    );
    expect(html).toContain(groupedReceipt(receipt));
    expect(groupedReceipt(receipt).split(' ')).toHaveLength(16);
    expect(html).toContain('<svg role="img"');
    expect(html).toContain(`href="${link.replaceAll('&', '&amp;')}"`);
    expect(html).toContain('Ricevuta');
    expect(renderReceipt(of, 'http://127.0.0.1:8080', 'en', 'r')).toContain('Receipt');
  });

  it('given something that is not a receipt, when shown, then nothing is shown', () => {
    expect(renderReceipt({ ...of, receipt: '<script>' }, 'http://127.0.0.1:8080', 'it', 'r')).toBe('');
  });
});
