import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { portalUpdates, securityBlocks } from '@/drizzle/schema';
import { ANONYMOUS, type CustomerActor, type StaffActor } from '@/lib/core/actor';
import { manualClock } from '@/lib/core/clock';
import { pgErrorCode } from '@/lib/db/raw';
import { withActor } from '@/lib/db/with-actor';
import {
  createSecurityBlock,
  deleteSecurityBlock,
  listSecurityBlocks,
  listSecurityBlocksForAdmin,
  moveSecurityBlock,
  reorderSecurityBlocks,
  updateSecurityBlock,
} from '@/lib/portal/security-blocks';
import { countPublishedUpdates, createUpdate, deleteUpdate, listPublishedUpdates, listUpdatesForAdmin, updateUpdate } from '@/lib/portal/updates';
import { describeEachDatabase } from '../helpers/databases';
import { createStaff } from '../helpers/factories';
import { adminRows, createPortalPeople, expectRefusal } from '../helpers/portal';

const DAY = 86_400_000;
const MISSING = '00000000-0000-4000-8000-000000000000';

describeEachDatabase('portal content: security overview and news', (t) => {
  // Behind the database's clock: the public policy shows news whose time has come by now().
  const clock = manualClock(new Date(Date.now() - DAY));
  let alice: StaffActor;
  let bob: StaffActor;
  let dan: CustomerActor;

  const blocksInTable = () =>
    adminRows<{ slug: string; title: string; body: string; position: number }>(
      t().admin,
      'SELECT slug, title, body, position FROM security_blocks ORDER BY position',
    );
  const updatesInTable = () => adminRows<{ id: string; title: string; body: string }>(t().admin, 'SELECT id, title, body FROM portal_updates ORDER BY id');

  beforeAll(async () => {
    ({ alice, bob, dan } = await createPortalPeople(t().admin));
  });

  it('a trust admin adds blocks at the end, edits and deletes them; the public reads them in order', async () => {
    const encryption = await createSecurityBlock(
      { db: t().db, clock, actor: alice },
      { title: 'Encryption at rest and in transit', body: 'AES-256 and TLS 1.2+.' },
    );
    const access = await createSecurityBlock({ db: t().db, clock, actor: alice }, { title: 'Access control', body: 'SSO and least privilege.' });
    const again = await createSecurityBlock({ db: t().db, clock, actor: alice }, { title: 'Access control', body: 'A second one.' });
    expect([encryption.slug, access.slug, again.slug]).toEqual(['encryption-at-rest-and-in-transit', 'access-control', 'access-control-2']);
    expect([encryption.position, access.position, again.position]).toEqual([0, 1, 2]);

    const edited = await updateSecurityBlock({ db: t().db, clock, actor: alice }, access.id, {
      title: 'Access control and identity',
      body: ' Reviewed quarterly. \r\n- SSO\r\n- MFA ',
    });
    expect(edited).toMatchObject({ slug: 'access-control', title: 'Access control and identity', body: 'Reviewed quarterly.\n- SSO\n- MFA' });
    await deleteSecurityBlock({ db: t().db, actor: alice }, again.id);
    expect((await listSecurityBlocks(t().db)).map((b) => b.title)).toEqual(['Encryption at rest and in transit', 'Access control and identity']);
    await expectRefusal(deleteSecurityBlock({ db: t().db, actor: alice }, again.id), 'not_found', 404);
    await expectRefusal(updateSecurityBlock({ db: t().db, clock, actor: alice }, MISSING, { title: 'x' }), 'not_found', 404);
    await expectRefusal(createSecurityBlock({ db: t().db, clock, actor: alice }, { title: 'Dup', body: 'x', slug: 'access-control' }), 'slug_taken', 409);
  });

  it('reorders all blocks at once, or moves one up or down', async () => {
    const monitoring = await createSecurityBlock({ db: t().db, clock, actor: alice }, { title: 'Monitoring', body: 'Logs and alerts.' });
    const ids = (await listSecurityBlocksForAdmin({ db: t().db, actor: alice })).map((b) => b.id);
    const reversed = [...ids].reverse();
    expect((await reorderSecurityBlocks({ db: t().db, clock, actor: alice }, { order: reversed })).map((b) => b.id)).toEqual(reversed);
    expect((await listSecurityBlocks(t().db)).map((b) => b.id)).toEqual(reversed);
    expect((await blocksInTable()).map((b) => b.position)).toEqual([0, 1, 2]);

    await moveSecurityBlock({ db: t().db, clock, actor: alice }, monitoring.id, { direction: 'down' });
    expect((await listSecurityBlocks(t().db)).map((b) => b.id)).toEqual([reversed[1], monitoring.id, reversed[2]]);
    // The last block moving down stays where it is.
    const last = reversed[2];
    await moveSecurityBlock({ db: t().db, clock, actor: alice }, last, { direction: 'down' });
    expect((await listSecurityBlocks(t().db)).at(-1)?.id).toBe(last);

    const before = await blocksInTable();
    for (const order of [ids.slice(1), [...ids, ids[0]].slice(1).concat(ids[1]), [ids[0], ids[0], ids[1]], [...ids.slice(1), MISSING], ['x']]) {
      await expectRefusal(reorderSecurityBlocks({ db: t().db, clock, actor: alice }, { order }), 'invalid_order', 400);
    }
    await expectRefusal(reorderSecurityBlocks({ db: t().db, clock, actor: alice }, {}), 'invalid_order', 400);
    await expectRefusal(moveSecurityBlock({ db: t().db, clock, actor: alice }, monitoring.id, { direction: 'left' }), 'invalid_direction', 400);
    await expectRefusal(moveSecurityBlock({ db: t().db, clock, actor: alice }, MISSING, { direction: 'up' }), 'not_found', 404);
    expect(await blocksInTable()).toEqual(before);
  });

  it('refuses bad block input and changes nothing', async () => {
    const [first] = await listSecurityBlocksForAdmin({ db: t().db, actor: alice });
    const before = await blocksInTable();
    for (const [input, code] of [
      [{ title: '', body: 'x' }, 'invalid_title'],
      [{ title: 'x'.repeat(121), body: 'x' }, 'invalid_title'],
      [{ title: 'Fine', body: '   ' }, 'invalid_body'],
      [{ title: 'Fine', body: 'x'.repeat(10_001) }, 'invalid_body'],
      [{ title: 'Fine', body: 'x', slug: 'Not A Slug' }, 'invalid_slug'],
      [{ body: 'x' }, 'invalid_title'],
    ] as const) {
      await expectRefusal(createSecurityBlock({ db: t().db, clock, actor: alice }, input), code, 400);
    }
    await expectRefusal(updateSecurityBlock({ db: t().db, clock, actor: alice }, first.id, { title: '' }), 'invalid_title', 400);
    expect(await blocksInTable()).toEqual(before);
  });

  it('only trust admins change blocks: the application and the database both refuse anyone else', async () => {
    const [first] = await listSecurityBlocksForAdmin({ db: t().db, actor: alice });
    const before = await blocksInTable();
    for (const actor of [bob, dan, ANONYMOUS]) {
      await expect(createSecurityBlock({ db: t().db, clock, actor }, { title: 'x', body: 'y' })).rejects.toThrow('Only trust admins');
      await expect(updateSecurityBlock({ db: t().db, clock, actor }, first.id, { title: 'x' })).rejects.toThrow('Only trust admins');
      await expect(deleteSecurityBlock({ db: t().db, actor }, first.id)).rejects.toThrow('Only trust admins');
      await expect(reorderSecurityBlocks({ db: t().db, clock, actor }, { order: [] })).rejects.toThrow('Only trust admins');
      await expect(moveSecurityBlock({ db: t().db, clock, actor }, first.id, { direction: 'up' })).rejects.toThrow('Only trust admins');
      await expectRefusal(listSecurityBlocksForAdmin({ db: t().db, actor }), 'forbidden', 403);
    }
    for (const actor of [bob, dan]) {
      expect(await withActor(t().db, actor, (tx) => tx.update(securityBlocks).set({ title: 'Hijacked' }).returning())).toHaveLength(0);
      expect(await withActor(t().db, actor, (tx) => tx.delete(securityBlocks).returning())).toHaveLength(0);
      const insert = withActor(t().db, actor, (tx) => tx.insert(securityBlocks).values({ slug: 'forged', title: 'Forged', body: 'x' }));
      expect(pgErrorCode(await insert.catch((e: unknown) => e))).toBe('42501');
    }
    // A trust admin suspended since signing in: the database says no, the app answers 403.
    const carla = await createStaff(t().admin, 'trust_admin');
    await adminRows(t().admin, `UPDATE users SET status = 'suspended' WHERE id = $1 RETURNING id`, [carla.userId]);
    await expectRefusal(updateSecurityBlock({ db: t().db, clock, actor: carla }, first.id, { title: 'x' }), 'forbidden', 403);
    await expectRefusal(deleteSecurityBlock({ db: t().db, actor: carla }, first.id), 'forbidden', 403);
    await expectRefusal(moveSecurityBlock({ db: t().db, clock, actor: carla }, first.id, { direction: 'down' }), 'forbidden', 403);
    await expectRefusal(createSecurityBlock({ db: t().db, clock, actor: carla }, { title: 'x', body: 'y' }), 'forbidden', 403);
    expect(await blocksInTable()).toEqual(before);
  });

  it('news: posted now or scheduled, edited and deleted; the public sees published items newest first', async () => {
    const first = await createUpdate({ db: t().db, clock, actor: alice }, { title: 'SOC 2 Type 2 report available', body: 'The report is out.' });
    clock.advance(60_000);
    const second = await createUpdate({ db: t().db, clock, actor: alice }, { title: 'New region', body: 'Frankfurt is live.', publishedAt: '' });
    const scheduled = await createUpdate(
      { db: t().db, clock, actor: alice },
      {
        title: 'Maintenance',
        body: 'Planned.',
        publishedAt: new Date(clock.now().getTime() + 3 * DAY).toISOString().slice(0, 16),
      },
    );
    expect(scheduled.publishedAt).toBe(`${new Date(clock.now().getTime() + 3 * DAY).toISOString().slice(0, 16)}:00.000Z`);
    expect((await listPublishedUpdates(t().db, clock)).map((u) => u.id)).toEqual([second.id, first.id]);
    expect(await countPublishedUpdates(t().db, clock)).toBe(2);
    expect((await listPublishedUpdates(t().db, clock, { limit: 1, offset: 1 })).map((u) => u.id)).toEqual([first.id]);
    const admin = await listUpdatesForAdmin({ db: t().db, actor: alice });
    expect(admin.total).toBe(3);
    expect(admin.updates[0].id).toBe(scheduled.id);

    const edited = await updateUpdate({ db: t().db, clock, actor: alice }, first.id, { body: 'The report is out; request it on the documents page.' });
    expect(edited).toMatchObject({ title: 'SOC 2 Type 2 report available', body: 'The report is out; request it on the documents page.' });
    await deleteUpdate({ db: t().db, actor: alice }, second.id);
    expect((await listPublishedUpdates(t().db, clock)).map((u) => u.id)).toEqual([first.id]);
    await expectRefusal(deleteUpdate({ db: t().db, actor: alice }, second.id), 'not_found', 404);
    await expectRefusal(updateUpdate({ db: t().db, clock, actor: alice }, 'nope', { title: 'x' }), 'not_found', 404);
  });

  it('refuses bad news input and changes nothing', async () => {
    const [item] = (await listUpdatesForAdmin({ db: t().db, actor: alice })).updates;
    const before = await updatesInTable();
    for (const [input, code] of [
      [{ title: '', body: 'x' }, 'invalid_title'],
      [{ title: 'x'.repeat(201), body: 'x' }, 'invalid_title'],
      [{ title: 'x', body: '' }, 'invalid_body'],
      [{ title: 'x', body: 'x'.repeat(10_001) }, 'invalid_body'],
      [{ title: 'x', body: 'y', publishedAt: 'tomorrow' }, 'invalid_published_at'],
      [{ title: 'x', body: 'y', publishedAt: '1999-12-31T10:00' }, 'invalid_published_at'],
      [{ title: 'x', body: 'y', publishedAt: new Date(clock.now().getTime() + 400 * DAY).toISOString() }, 'invalid_published_at'],
    ] as const) {
      await expectRefusal(createUpdate({ db: t().db, clock, actor: alice }, input), code, 400);
    }
    await expectRefusal(updateUpdate({ db: t().db, clock, actor: alice }, item.id, { title: ' ' }), 'invalid_title', 400);
    expect(await updatesInTable()).toEqual(before);
  });

  it('only trust admins post news: the application and the database both refuse anyone else', async () => {
    const [item] = (await listUpdatesForAdmin({ db: t().db, actor: alice })).updates;
    const before = await updatesInTable();
    for (const actor of [bob, dan, ANONYMOUS]) {
      await expect(createUpdate({ db: t().db, clock, actor }, { title: 'x', body: 'y' })).rejects.toThrow('Only trust admins');
      await expect(updateUpdate({ db: t().db, clock, actor }, item.id, { title: 'x' })).rejects.toThrow('Only trust admins');
      await expect(deleteUpdate({ db: t().db, actor }, item.id)).rejects.toThrow('Only trust admins');
      await expectRefusal(listUpdatesForAdmin({ db: t().db, actor }), 'forbidden', 403);
    }
    for (const actor of [bob, dan]) {
      expect(
        await withActor(t().db, actor, (tx) => tx.update(portalUpdates).set({ title: 'Hijacked' }).where(eq(portalUpdates.id, item.id)).returning()),
      ).toHaveLength(0);
      expect(await withActor(t().db, actor, (tx) => tx.delete(portalUpdates).returning())).toHaveLength(0);
      const insert = withActor(t().db, actor, (tx) => tx.insert(portalUpdates).values({ title: 'Forged', body: 'x' }));
      expect(pgErrorCode(await insert.catch((e: unknown) => e))).toBe('42501');
    }
    expect(await updatesInTable()).toEqual(before);
  });
});
