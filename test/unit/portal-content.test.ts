import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RichText } from '@/components/portal/rich-text';
import { describeChange } from '@/lib/portal/certification-changes';
import type { CertificationSnapshot } from '@/lib/portal/certifications';
import { slugify, uniqueSlug } from '@/lib/portal/input';

describe('staff-written text', () => {
  it('becomes paragraphs, lists and headings, and never markup', () => {
    const html = renderToStaticMarkup(
      createElement(RichText, {
        text: '## Scope\nFirst line\ncontinues.\n\n- one\n- <b>two</b>\nAfter the list.\n\n<script>alert(1)</script>',
        headingLevel: 2,
      }),
    );
    expect(html).toContain('<h2 class="pt-2 font-semibold text-slate-950">Scope</h2>');
    expect(html).toContain('<p>First line continues.</p>');
    expect(html).toContain('<li>one</li><li>&lt;b&gt;two&lt;/b&gt;</li></ul><p>After the list.</p>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('slugs', () => {
  it('are lower-case ASCII with dashes, and made unique', () => {
    expect(slugify('ISO/IEC 27001:2022')).toBe('iso-iec-27001-2022');
    expect(slugify('Sécurité & Confidentialité')).toBe('securite-confidentialite');
    expect(slugify('!!!')).toBe('item');
    expect(slugify('x'.repeat(100))).toHaveLength(56);
    expect(uniqueSlug('soc-2', new Set(['soc-2', 'soc-2-2']))).toBe('soc-2-3');
  });
});

describe('certification history in words', () => {
  const base: CertificationSnapshot = {
    framework: 'SOC 2 Type 2',
    description: '',
    status: 'audit_window',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    targetDate: '2027-02-15',
    reportDocumentId: null,
    reportDocumentTitle: null,
    position: 0,
  };

  it('lists only the fields that changed, from and to', () => {
    expect(describeChange(base, { ...base, status: 'attested', targetDate: null, reportDocumentId: 'x', reportDocumentTitle: 'SOC 2 report' })).toEqual([
      { field: 'Status', from: 'Audit window', to: 'Attested / certified' },
      { field: 'Target date', from: '15 Feb 2027', to: '—' },
      { field: 'Report', from: '—', to: 'SOC 2 report' },
    ]);
  });

  it('describes the first row by what the certification began as', () => {
    expect(describeChange(null, base).map((c) => c.field)).toEqual(['Framework', 'Status', 'Audit period', 'Target date', 'Order on the page']);
  });
});
