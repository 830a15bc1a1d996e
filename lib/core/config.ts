import { z } from 'zod';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const schema = z.object({
  DATABASE_URL: z.url().optional(),
  DATABASE_ADMIN_URL: z.url().optional(),
  DATABASE_SIGNER_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.url().optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(5),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  WORKOS_API_KEY: z.string().min(1).optional(),
  WORKOS_CLIENT_ID: z.string().min(1).optional(),
  WORKOS_WEBHOOK_SECRET: z.string().min(1).optional(),
  WORKOS_API_HOSTNAME: z.string().min(1).optional(),
  WORKOS_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  WORKOS_API_HTTPS: flag.optional(),
  WORKOS_VENDOR_ORGANIZATION_ID: z.string().min(1).default('org_vendor'),
  WORKOS_VENDOR_DIRECTORY_ID: z.string().min(1).default('directory_vendor'),
  DEMO_SIGN_IN: flag.optional(),
  SMTP_URL: z
    .url()
    .refine((u) => /^smtps?:/.test(u), 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  GRANT_TOKEN_SIGNING_KEY: z.string().min(1).optional(),
  FORWARDING_ALLOW_PRIVATE_TARGETS: flag.optional(),
  SERVICE_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(6000),
});

export interface Config {
  databaseUrl: string | undefined;
  databaseAdminUrl: string | undefined;
  /** Where checkpoints are recorded (as trust_signer); else DATABASE_ADMIN_URL, switching to trust_signer. */
  databaseSignerUrl: string | undefined;
  dataDir: string;
  port: number;
  appUrl: URL;
  sessionSecret: string | undefined;
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Requests one service account may make to the machine API per minute, per instance. */
  serviceRequestsPerMinute: number;
  workosConfigured: boolean;
  workos: {
    apiKey: string | undefined;
    clientId: string | undefined;
    webhookSecret: string | undefined;
    apiHostname: string | undefined;
    port: number | undefined;
    https: boolean;
    /** The vendor's own WorkOS organization and directory: its staff. */
    vendorOrganizationId: string;
    vendorDirectoryId: string;
  };
  demoSignIn: boolean;
  /** Outgoing mail; without it mail stays in the outbox for the admin console. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Ed25519 private key (PKCS#8 PEM or JWK) for governance-log checkpoints; else generated (demo). */
  auditSigningKey: string | undefined;
  /** Ed25519 private key that signs grant tokens for the vendor's systems. */
  grantTokenSigningKey: string | undefined;
  /** SIEM forwarding may target http:// and private, loopback or link-local addresses (tests, development). */
  forwardingAllowPrivateTargets: boolean;
}

/** Reads the environment (the variables the README lists); a bad value stops start-up with a message naming it. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const blanksRemoved = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(blanksRemoved);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${detail}`);
  }
  const e = parsed.data;
  const workosConfigured = Boolean(e.WORKOS_API_KEY && e.WORKOS_CLIENT_ID);
  return {
    databaseUrl: e.DATABASE_URL,
    databaseAdminUrl: e.DATABASE_ADMIN_URL ?? e.DATABASE_URL,
    databaseSignerUrl: e.DATABASE_SIGNER_URL,
    dataDir: e.DATA_DIR,
    port: e.PORT,
    appUrl: new URL(e.APP_URL ?? `http://localhost:${e.PORT}`),
    sessionSecret: e.SESSION_SECRET,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    serviceRequestsPerMinute: e.SERVICE_REQUESTS_PER_MINUTE,
    workosConfigured,
    workos: {
      apiKey: e.WORKOS_API_KEY,
      clientId: e.WORKOS_CLIENT_ID,
      webhookSecret: e.WORKOS_WEBHOOK_SECRET,
      apiHostname: e.WORKOS_API_HOSTNAME,
      port: e.WORKOS_API_PORT,
      https: e.WORKOS_API_HTTPS ?? true,
      vendorOrganizationId: e.WORKOS_VENDOR_ORGANIZATION_ID,
      vendorDirectoryId: e.WORKOS_VENDOR_DIRECTORY_ID,
    },
    // On while WorkOS is not configured, or when asked for; DEMO_SIGN_IN=0 turns it off.
    demoSignIn: e.DEMO_SIGN_IN ?? !workosConfigured,
    smtpUrl: e.SMTP_URL,
    auditSigningKey: e.AUDIT_SIGNING_KEY,
    grantTokenSigningKey: e.GRANT_TOKEN_SIGNING_KEY,
    forwardingAllowPrivateTargets: e.FORWARDING_ALLOW_PRIVATE_TARGETS ?? false,
    mailFrom: e.MAIL_FROM ?? `Trust Center <no-reply@${new URL(e.APP_URL ?? `http://localhost:${e.PORT}`).hostname}>`,
  };
}

let cached: Config | undefined;

export function config(): Config {
  return (cached ??= loadConfig());
}
