export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { prepareAppDatabase } = await import('./lib/startup/database');
  await prepareAppDatabase();
  const { sendQueuedMail, startMailRetries } = await import('./lib/mail/sender');
  // Mail queued before a restart, or whose delivery failed, goes out now and then on retry.
  sendQueuedMail();
  startMailRetries();
  const { startValidityReminders } = await import('./lib/documents/reminder-schedule');
  startValidityReminders();
  const { startLockboxSweeps } = await import('./lib/lockbox/expire');
  const { systemClock } = await import('./lib/core/clock');
  const { getDatabase } = await import('./lib/db');
  startLockboxSweeps(getDatabase, systemClock);
  const { config } = await import('./lib/core/config');
  const databaseUrl = config().databaseUrl;
  if (databaseUrl) {
    // Several instances may share the database: a change announced by any of them (this one
    // too) retires this instance's public copies at once.
    const { listenForPublicChanges } = await import('./lib/portal/public-changes');
    const { retirePublicCopies } = await import('./lib/portal/cache');
    listenForPublicChanges(databaseUrl, retirePublicCopies);
  }
  const { startCheckpoints } = await import('./lib/governance/checkpoints');
  // Signs each chain's head shortly after it moves, so a truncated copy is caught by the next checkpoint.
  startCheckpoints(getDatabase, systemClock);
  // Governance events queued for SIEM endpoints go out now and then on retry.
  const { startForwarding } = await import('./lib/forwarding/deliver');
  startForwarding(getDatabase, systemClock);
}
