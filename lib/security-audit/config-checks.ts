import type { Config } from '@/lib/core/config';
import { type Finding, inProduction, isLocalHost, type Posture } from './findings';

/** Sign-in: demo sign-in, and WorkOS set up the way SSO needs it. */
export function signInFindings(cfg: Config, posture: Posture): Finding[] {
  const findings: Finding[] = [];
  if (cfg.demoSignIn) {
    findings.push({
      id: 'config/demo-sign-in',
      severity: 'high',
      title: 'Demo sign-in is on: anyone can sign in as any account',
      found: cfg.workosConfigured
        ? 'DEMO_SIGN_IN=1 keeps demo sign-in on next to WorkOS SSO: POST /api/auth/demo signs anyone in as any active account, trust admins and break-glass holders included.'
        : 'WorkOS is not configured (WORKOS_API_KEY and WORKOS_CLIENT_ID), so demo sign-in is offered: POST /api/auth/demo signs anyone in as any active account, trust admins and break-glass holders included.',
      fix: 'Configure WORKOS_API_KEY and WORKOS_CLIENT_ID and leave DEMO_SIGN_IN unset (or set DEMO_SIGN_IN=0). Acceptable only on a throw-away demo that holds no real data.',
    });
  }
  const partly = Boolean(cfg.workos.apiKey) !== Boolean(cfg.workos.clientId);
  if (partly) {
    findings.push({
      id: 'config/workos-incomplete',
      severity: 'medium',
      title: 'WorkOS is only partly configured',
      found: `${cfg.workos.apiKey ? 'WORKOS_API_KEY' : 'WORKOS_CLIENT_ID'} is set but ${cfg.workos.apiKey ? 'WORKOS_CLIENT_ID' : 'WORKOS_API_KEY'} is not, so SSO is off.`,
      fix: 'Set both WORKOS_API_KEY and WORKOS_CLIENT_ID from the WorkOS dashboard.',
    });
  } else if (!cfg.workosConfigured && posture.production) {
    findings.push({
      id: 'config/workos-missing',
      severity: 'medium',
      title: 'Neither SSO nor demo sign-in is available: nobody can sign in',
      found: 'DEMO_SIGN_IN=0 turns demo sign-in off, and WorkOS is not configured (WORKOS_API_KEY, WORKOS_CLIENT_ID).',
      fix: 'Set WORKOS_API_KEY and WORKOS_CLIENT_ID (docs/identity.md).',
    });
  }
  if (cfg.workosConfigured && !cfg.workos.webhookSecret) {
    findings.push({
      id: 'config/workos-webhook-secret-missing',
      severity: 'medium',
      title: 'Directory Sync webhooks are not accepted',
      found:
        'WORKOS_WEBHOOK_SECRET is not set, so /api/webhooks/workos answers 404: a user removed from a customer’s directory keeps their account and sessions until the next `trust workos sync`.',
      fix: 'Set WORKOS_WEBHOOK_SECRET to the endpoint’s signing secret from the WorkOS dashboard (and run `npm run trust -- workos sync` on a schedule as a backstop).',
    });
  }
  if (cfg.workos.apiHostname && cfg.workos.apiHostname !== 'api.workos.com') {
    findings.push({
      id: 'config/workos-api-host',
      severity: inProduction(posture, 'medium', 'info'),
      title: 'WorkOS requests go to a host other than WorkOS',
      found: `WORKOS_API_HOSTNAME=${cfg.workos.apiHostname}: whoever answers there decides who signs in and who is in each directory. This is a setting for tests against a fake WorkOS.`,
      fix: 'Unset WORKOS_API_HOSTNAME, WORKOS_API_PORT and WORKOS_API_HTTPS in production.',
    });
  }
  return findings;
}

/** APP_URL: the public address, which decides whether session cookies are Secure. */
export function appUrlFindings(cfg: Config, posture: Posture): Finding[] {
  const url = cfg.appUrl;
  if (url.protocol === 'https:') return [];
  if (!isLocalHost(url.hostname)) {
    return [
      {
        id: 'config/app-url-not-https',
        severity: 'high',
        title: 'The public URL is plain HTTP',
        found: `APP_URL=${url.origin}: session cookies are not marked Secure and travel, with every page, unencrypted.`,
        fix: 'Serve the app over HTTPS (a TLS-terminating proxy with TRUST_PROXY=1) and set APP_URL=https://….',
      },
    ];
  }
  return [
    {
      id: 'config/app-url-local',
      severity: inProduction(posture, 'medium', 'info'),
      title: 'APP_URL is a local HTTP address',
      found: `APP_URL is ${url.origin}${cfg.appUrl.href === `http://localhost:${cfg.port}/` ? ' (the default when APP_URL is not set)' : ''}: links in e-mails, security.txt’s Canonical and the cross-site request check use it, and cookies are Secure only for requests that arrive over HTTPS.`,
      fix: 'Set APP_URL to the public https:// address of the trust center.',
    },
  ];
}

/** Mail: break-glass and lockbox notices reach tenant admins by e-mail. */
export function mailFindings(cfg: Config, posture: Posture): Finding[] {
  if (cfg.smtpUrl) return [];
  return [
    {
      id: 'config/mail-not-configured',
      severity: inProduction(posture, 'medium', 'info'),
      title: 'Outgoing mail is not configured',
      found:
        'SMTP_URL is not set: mail stays in the outbox. Tenant admins are not told by e-mail of break-glass access or lockbox requests, and reviewers never receive their document links.',
      fix: 'Set SMTP_URL (smtps://user:password@host:465, or smtp://…:587?requireTLS=true) and MAIL_FROM.',
    },
  ];
}

/** The embedded database is a single-user demo, never a security boundary. */
export function embeddedDatabaseFindings(cfg: Config): Finding[] {
  if (cfg.databaseUrl) return [];
  return [
    {
      id: 'config/embedded-database',
      severity: 'medium',
      title: 'The embedded database (PGlite) is in use: not for production',
      found: `DATABASE_URL is not set, so the app uses PGlite under ${cfg.dataDir}/pglite: its files are readable by anyone who can read that directory, the app connects as a superuser and only switches to trust_app per transaction, one process at a time, with no backups or replication.`,
      fix: 'Run on PostgreSQL 15 or later with DATABASE_URL connecting as trust_app (docs/deployment.md).',
    },
  ];
}

export function configFindings(cfg: Config, posture: Posture): Finding[] {
  return [...signInFindings(cfg, posture), ...appUrlFindings(cfg, posture), ...mailFindings(cfg, posture), ...embeddedDatabaseFindings(cfg)];
}
