/** What `trust security audit` reports: one finding per problem found (see docs/security-model.md#auditing-a-deployment). */
export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** Stable across releases, for scripts and suppression lists: `area/check`. */
  id: string;
  severity: Severity;
  /** One line. */
  title: string;
  /** What was found, with the values that matter (never a secret). */
  found: string;
  /** How to fix it. */
  fix: string;
  /** The object concerned when a check reports several (a table, a function, a chain). */
  subject?: string;
}

/**
 * How strictly to judge: a deployment with demo sign-in off is taken to be serving real
 * customers, so what is tolerable in a demo (generated secrets, a superuser connection) is
 * high there.
 */
export interface Posture {
  production: boolean;
}

export function postureOf(config: { demoSignIn: boolean }): Posture {
  return { production: !config.demoSignIn };
}

/** The severity of a weakness that a demo may have and a production deployment must not. */
export const inProduction = (posture: Posture, production: Severity, demo: Severity): Severity => (posture.production ? production : demo);

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id) || (a.subject ?? '').localeCompare(b.subject ?? ''),
  );
}

/** Hosts that never leave the machine: plaintext to them crosses no network. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === '' || host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
