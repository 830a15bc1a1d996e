export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { prepareAppDatabase } = await import('./lib/db/startup');
  await prepareAppDatabase();
}
