import { config } from '@/lib/core/config';

/** Shown on every page while demo sign-in is on: anyone can then sign in as anyone, and nobody should mistake it for production. */
export function DemoBanner() {
  if (!config().demoSignIn) return null;
  return (
    <div role="region" aria-label="Demo mode" className="no-print bg-amber-100 px-4 py-2 text-center text-sm text-amber-950">
      <strong>Demo sign-in is on.</strong> Anyone can sign in as any account on this server. Connect WorkOS single sign-on before real customers use it.
    </div>
  );
}
