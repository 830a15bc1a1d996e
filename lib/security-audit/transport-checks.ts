import type { Config } from '@/lib/core/config';
import { type Finding, isLocalHost } from './findings';

/** sslmode values (libpq's, as postgres.js reads them) that encrypt without checking whom they talk to. */
const UNVERIFIED = new Set(['require', 'allow', 'prefer', 'no-verify']);
/** Values that check the server's certificate (postgres.js verifies for any other non-empty value). */
const VERIFIED = new Set(['verify-full', 'verify-ca', 'true']);

/** How a PostgreSQL URL protects the connection, as postgres.js will open it. */
export function databaseTls(url: URL): 'local' | 'plaintext' | 'unverified' | 'verified' {
  if (isLocalHost(url.hostname) || url.searchParams.get('host')?.startsWith('/')) return 'local';
  const mode = (url.searchParams.get('sslmode') ?? url.searchParams.get('ssl') ?? '').toLowerCase();
  if (VERIFIED.has(mode)) return 'verified';
  if (UNVERIFIED.has(mode)) return 'unverified';
  return 'plaintext';
}

/** Where a URL points, without its password. */
export function describeDatabaseUrl(url: URL): string {
  return `${url.username ? `${decodeURIComponent(url.username)}@` : ''}${url.host}${url.pathname}`;
}

function databaseUrlFindings(name: 'DATABASE_URL' | 'DATABASE_ADMIN_URL', text: string): Finding[] {
  const url = new URL(text);
  const tls = databaseTls(url);
  if (tls === 'plaintext') {
    return [
      {
        id: 'config/database-tls-off',
        severity: 'high',
        subject: name,
        title: `${name} reaches a remote database without TLS`,
        found: `${name} points at ${describeDatabaseUrl(url)} with no sslmode: the password and every tenant’s data cross the network unencrypted.`,
        fix: `Add ?sslmode=verify-full to ${name} (with the server’s CA trusted through NODE_EXTRA_CA_CERTS if it is private).`,
      },
    ];
  }
  if (tls === 'unverified') {
    return [
      {
        id: 'config/database-tls-unverified',
        severity: 'medium',
        subject: name,
        title: `${name} encrypts but does not verify the database server`,
        found: `${name} points at ${describeDatabaseUrl(url)} with sslmode=${url.searchParams.get('sslmode') ?? url.searchParams.get('ssl')}: anyone on the path can pose as the server and read the password and the data.`,
        fix: `Use ?sslmode=verify-full in ${name}.`,
      },
    ];
  }
  return [];
}

function smtpFindings(cfg: Config): Finding[] {
  if (!cfg.smtpUrl) return [];
  const url = new URL(cfg.smtpUrl);
  if (isLocalHost(url.hostname)) return [];
  const findings: Finding[] = [];
  if (url.protocol === 'smtp:' && url.searchParams.get('requireTLS') !== 'true') {
    findings.push({
      id: 'config/smtp-tls-optional',
      severity: 'medium',
      title: 'Mail may be sent unencrypted',
      found: `SMTP_URL uses smtp://${url.host} without requireTLS: STARTTLS is used only when offered, so anyone on the path can strip it and read the SMTP password and the e-mailed document links.`,
      fix: 'Use smtps:// (implicit TLS), or add ?requireTLS=true to the smtp:// URL.',
    });
  }
  if (url.searchParams.get('tls.rejectUnauthorized') === 'false') {
    findings.push({
      id: 'config/smtp-tls-unverified',
      severity: 'medium',
      title: 'The mail server’s certificate is not checked',
      found: `SMTP_URL sets tls.rejectUnauthorized=false for ${url.host}.`,
      fix: 'Remove tls.rejectUnauthorized=false; trust a private CA through NODE_EXTRA_CA_CERTS instead.',
    });
  }
  return findings;
}

function workosFindings(cfg: Config): Finding[] {
  const host = cfg.workos.apiHostname;
  if (cfg.workos.https || !host || isLocalHost(host)) return [];
  return [
    {
      id: 'config/workos-api-plaintext',
      severity: 'high',
      title: 'WorkOS API requests are sent without TLS',
      found: `WORKOS_API_HTTPS=false sends the WorkOS API key and users’ profiles to ${host} unencrypted.`,
      fix: 'Unset WORKOS_API_HTTPS (and WORKOS_API_HOSTNAME) in production.',
    },
  ];
}

/** TLS on every connection the app opens: the database, mail, WorkOS. */
export function transportFindings(cfg: Config): Finding[] {
  const findings: Finding[] = [];
  if (cfg.databaseUrl) findings.push(...databaseUrlFindings('DATABASE_URL', cfg.databaseUrl));
  if (cfg.databaseAdminUrl && cfg.databaseAdminUrl !== cfg.databaseUrl) {
    findings.push(...databaseUrlFindings('DATABASE_ADMIN_URL', cfg.databaseAdminUrl));
  }
  return [...findings, ...smtpFindings(cfg), ...workosFindings(cfg)];
}
