import { beforeAll, describe, expect, it } from 'vitest';
import { portalSettings } from '@/drizzle/schema';
import { ANONYMOUS, type CustomerActor, type StaffActor } from '@/lib/core/actor';
import { manualClock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import { checkLogo, detectImageType, readLogo, removeLogo, setLogo } from '@/lib/portal/logo';
import { securityTxt, servedExpiry } from '@/lib/portal/security-txt';
import { readPublicSettings, readSettingsForAdmin, updateSettings, type PublicSettings } from '@/lib/portal/settings';
import { describeEachDatabase } from '../helpers/databases';
import { adminRows, createPortalPeople, DAY, day, expectRefusal } from '../helpers/portal';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(32, 3)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32, 4)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

describeEachDatabase('portal content: settings and logo', (t) => {
  const clock = manualClock(new Date());
  let alice: StaffActor;
  let bob: StaffActor;
  let dan: CustomerActor;

  const stored = async () => (await adminRows(t().admin, 'SELECT * FROM portal_settings'))[0];

  const valid = () => ({
    vendorName: 'Northwind Cloud',
    tagline: 'Security at Northwind',
    overview: 'We run an analytics platform.',
    statusPageUrl: 'https://status.northwind.example',
    securityContact: 'security@northwind.example',
    securityTxtExpiresAt: day(clock.now(), 180),
    preferredLanguages: 'en,  de , en',
    disclosurePolicy: 'Report vulnerabilities to us.\r\n\r\nWe answer within two days.',
    accessGrantDays: '14',
  });

  beforeAll(async () => {
    ({ alice, bob, dan } = await createPortalPeople(t().admin));
  });

  it('before the first save the public sees defaults, and the logo waits for the settings', async () => {
    expect(await stored()).toBeUndefined();
    expect((await readSettingsForAdmin({ db: t().db, actor: alice })).saved).toBe(false);
    expect((await readPublicSettings(t().db)).vendorName).toBe('Trust Center');
    await expectRefusal(setLogo({ db: t().db, clock, actor: alice }, PNG), 'settings_missing', 409);
  });

  it('a trust admin saves every field; values are normalized', async () => {
    const saved = await updateSettings({ db: t().db, clock, actor: alice }, valid());
    expect(saved).toMatchObject({
      saved: true,
      vendorName: 'Northwind Cloud',
      securityContact: 'mailto:security@northwind.example',
      preferredLanguages: 'en, de',
      disclosurePolicy: 'Report vulnerabilities to us.\n\nWe answer within two days.',
      accessGrantDays: 14,
      statusPageUrl: 'https://status.northwind.example',
    });
    expect(new Date(saved.securityTxtExpiresAt).toISOString()).toBe(`${day(clock.now(), 180)}T00:00:00.000Z`);
    expect((await stored()).updated_by).toBe(alice.userId);
    expect((await readPublicSettings(t().db)).vendorName).toBe('Northwind Cloud');

    // JSON may send only what changes; a blank status page removes it.
    const partial = await updateSettings({ db: t().db, clock, actor: alice }, { tagline: 'New tagline', statusPageUrl: '' });
    expect(partial).toMatchObject({ tagline: 'New tagline', statusPageUrl: null, vendorName: 'Northwind Cloud' });
    const https = await updateSettings({ db: t().db, clock, actor: alice }, { securityContact: 'https://northwind.example/security' });
    expect(https.securityContact).toBe('https://northwind.example/security');
  });

  it('the security.txt expiry must be in the future and at most 365 days ahead', async () => {
    await expectRefusal(updateSettings({ db: t().db, clock, actor: alice }, { securityTxtExpiresAt: day(clock.now(), 0) }), 'expiry_past', 400);
    await expectRefusal(updateSettings({ db: t().db, clock, actor: alice }, { securityTxtExpiresAt: day(clock.now(), -30) }), 'expiry_past', 400);
    await expectRefusal(updateSettings({ db: t().db, clock, actor: alice }, { securityTxtExpiresAt: day(clock.now(), 367) }), 'expiry_too_far', 400);
    const latest = new Date(clock.now().getTime() + 365 * DAY).toISOString();
    expect((await updateSettings({ db: t().db, clock, actor: alice }, { securityTxtExpiresAt: latest })).securityTxtExpiresAt).toBe(latest);
    await expect(
      updateSettings({ db: t().db, clock, actor: alice }, { securityTxtExpiresAt: new Date(clock.now().getTime() + 365 * DAY + 1000).toISOString() }),
    ).rejects.toThrow('at most 365 days ahead');
  });

  it('refuses bad input with a message naming the field, and changes nothing', async () => {
    const before = await stored();
    const cases: [Record<string, unknown>, string][] = [
      [{ vendorName: '' }, 'invalid_vendor_name'],
      [{ vendorName: 'x'.repeat(101) }, 'invalid_vendor_name'],
      [{ tagline: 'x'.repeat(301) }, 'invalid_tagline'],
      [{ overview: 'x'.repeat(4001) }, 'invalid_overview'],
      [{ statusPageUrl: 'javascript:alert(1)' }, 'invalid_status_page_url'],
      [{ statusPageUrl: 'status page' }, 'invalid_status_page_url'],
      [{ securityContact: 'call us' }, 'invalid_security_contact'],
      [{ securityContact: 'http://insecure.example/report' }, 'invalid_security_contact'],
      [{ securityContact: 'mailto:nobody' }, 'invalid_security_contact'],
      [{ securityTxtExpiresAt: 'soon' }, 'invalid_security_txt_expires_at'],
      [{ securityTxtExpiresAt: '2026-02-31x' }, 'invalid_security_txt_expires_at'],
      [{ preferredLanguages: 'English' }, 'invalid_preferred_languages'],
      [{ preferredLanguages: ' , ' }, 'invalid_preferred_languages'],
      [{ disclosurePolicy: 'x'.repeat(20_001) }, 'invalid_disclosure_policy'],
      [{ accessGrantDays: 0 }, 'invalid_access_grant_days'],
      [{ accessGrantDays: '91' }, 'invalid_access_grant_days'],
      [{ accessGrantDays: 'seven' }, 'invalid_access_grant_days'],
    ];
    for (const [input, code] of cases) await expectRefusal(updateSettings({ db: t().db, clock, actor: alice }, input), code, 400);
    expect(await stored()).toEqual(before);
  });

  it('support staff, customers and the public are refused; the database refuses them too', async () => {
    const before = await stored();
    for (const actor of [bob, dan, ANONYMOUS]) {
      await expect(updateSettings({ db: t().db, clock, actor }, { vendorName: 'Hijacked' })).rejects.toThrow('Only trust admins');
      await expectRefusal(readSettingsForAdmin({ db: t().db, actor }), 'forbidden', 403);
      await expectRefusal(setLogo({ db: t().db, clock, actor }, PNG), 'forbidden', 403);
      await expectRefusal(removeLogo({ db: t().db, clock, actor }), 'forbidden', 403);
    }
    for (const actor of [bob, dan]) {
      const updated = await withActor(t().db, actor, (tx) => tx.update(portalSettings).set({ vendorName: 'Hijacked' }).returning());
      expect(updated).toHaveLength(0);
      const upsert = withActor(t().db, actor, (tx) =>
        tx
          .insert(portalSettings)
          .values({ id: true, vendorName: 'Hijacked', securityContact: 'mailto:x@evil.example', securityTxtExpiresAt: new Date() })
          .onConflictDoUpdate({ target: portalSettings.id, set: { vendorName: 'Hijacked' } }),
      );
      expect(pgErrorCode(await upsert.catch((e: unknown) => e))).toBe('42501');
    }
    expect(await stored()).toEqual(before);
  });

  it('takes PNG, JPEG and WebP logos up to 256 KB, judged by their bytes; serves them; removes them', async () => {
    const before = (await readPublicSettings(t().db)).logoVersion;
    expect(before).toBeNull();
    for (const [bytes, type] of [
      [JPEG, 'image/jpeg'],
      [WEBP, 'image/webp'],
      [PNG, 'image/png'],
    ] as const) {
      clock.advance(1000);
      expect(await setLogo({ db: t().db, clock, actor: alice }, bytes)).toEqual({ type, size: bytes.byteLength });
    }
    const logo = await readLogo(t().db);
    expect(logo?.type).toBe('image/png');
    expect(Buffer.from(logo!.base64, 'base64').equals(PNG)).toBe(true);
    expect((await readPublicSettings(t().db)).logoVersion).toBe(logo!.version);
    expect(await readSettingsForAdmin({ db: t().db, actor: alice })).toMatchObject({ logoType: 'image/png', logoSize: PNG.byteLength });

    await expectRefusal(setLogo({ db: t().db, clock, actor: alice }, GIF), 'logo_type', 415);
    await expectRefusal(setLogo({ db: t().db, clock, actor: alice }, SVG), 'logo_type', 415);
    await expectRefusal(setLogo({ db: t().db, clock, actor: alice }, new Uint8Array()), 'logo_missing', 400);
    const big = Buffer.concat([PNG, Buffer.alloc(256 * 1024 - PNG.byteLength + 1)]);
    await expectRefusal(setLogo({ db: t().db, clock, actor: alice }, big), 'logo_too_large', 413);
    expect(Buffer.from((await readLogo(t().db))!.base64, 'base64').equals(PNG)).toBe(true);

    await removeLogo({ db: t().db, clock, actor: alice });
    expect(await readLogo(t().db)).toBeNull();
    expect((await readPublicSettings(t().db)).logoVersion).toBeNull();
  });
});

describe('logo bytes', () => {
  it('recognizes the three image types by their magic bytes only', () => {
    expect(detectImageType(PNG)).toBe('image/png');
    expect(detectImageType(JPEG)).toBe('image/jpeg');
    expect(detectImageType(WEBP)).toBe('image/webp');
    expect(detectImageType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE')]))).toBeNull();
    expect(detectImageType(GIF)).toBeNull();
    expect(() => checkLogo(Buffer.alloc(256 * 1024, 0))).toThrow('PNG, JPEG or WebP');
    expect(checkLogo(Buffer.concat([PNG, Buffer.alloc(256 * 1024 - PNG.byteLength)]))).toBe('image/png');
  });
});

describe('security.txt', () => {
  const now = new Date('2026-06-01T12:00:00.500Z');
  const settings = (expires: string): PublicSettings => ({
    vendorName: 'Northwind Cloud',
    tagline: '',
    overview: '',
    logoVersion: null,
    statusPageUrl: null,
    securityContact: 'mailto:security@northwind.example',
    securityTxtExpiresAt: expires,
    preferredLanguages: 'en, de',
    disclosurePolicy: '',
    accessGrantDays: 7,
    updatedAt: now.toISOString(),
  });
  const appUrl = new URL('https://trust.northwind.example');

  it('has the fields of RFC 9116 with the stored expiry when it is valid', () => {
    expect(securityTxt(settings('2026-12-01T00:00:00.000Z'), appUrl, now)).toBe(
      [
        '# How to report a security vulnerability to Northwind Cloud.',
        'Contact: mailto:security@northwind.example',
        'Expires: 2026-12-01T00:00:00Z',
        'Preferred-Languages: en, de',
        'Policy: https://trust.northwind.example/vulnerability-disclosure',
        'Canonical: https://trust.northwind.example/.well-known/security.txt',
        '',
      ].join('\n'),
    );
  });

  it('never serves an expiry more than a year ahead, nor one that has passed', () => {
    const yearAhead = new Date(now.getTime() + 365 * DAY);
    expect(servedExpiry(new Date('2030-01-01T00:00:00Z'), now).getTime()).toBe(Math.floor(yearAhead.getTime() / 1000) * 1000);
    expect(securityTxt(settings('2030-01-01T00:00:00Z'), appUrl, now)).toContain('Expires: 2027-06-01T12:00:00Z');
    const lapsed = servedExpiry(new Date('2026-01-01T00:00:00Z'), now);
    expect(lapsed.getTime()).toBeGreaterThan(now.getTime());
    expect(lapsed.getTime()).toBeLessThanOrEqual(now.getTime() + 365 * DAY);
    expect(securityTxt(settings('2026-06-01T12:00:00.500Z'), appUrl, now)).toContain('Expires: 2026-07-01T12:00:00Z');
    expect(servedExpiry(new Date('2026-09-01T00:00:00Z'), now).toISOString()).toBe('2026-09-01T00:00:00.000Z');
  });

  it('keeps every field on its own line', () => {
    const text = securityTxt({ ...settings('2026-12-01T00:00:00Z'), vendorName: 'Evil\nContact: mailto:x@evil.example' }, appUrl, now);
    expect(text.split('\n').filter((l) => l.startsWith('Contact:'))).toHaveLength(1);
  });
});
