import { boolean, customType, date, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, stampedAt, ts, updatedAt } from './columns';
import { by, updated } from './references';

// The vendor's own published content and the public's requests (migration 0005_portal).

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const day = (name: string) => date(name, { mode: 'string' });

export const CERTIFICATION_STATUSES = ['not_started', 'in_progress', 'audit_window', 'attested', 'expired'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];
export const DOCUMENT_VISIBILITIES = ['public', 'nda', 'restricted'] as const;
export type DocumentVisibility = (typeof DOCUMENT_VISIBILITIES)[number];
export const SUBPROCESSOR_CHANGE_KINDS = ['add', 'update', 'remove'] as const;
export type SubprocessorChangeKind = (typeof SUBPROCESSOR_CHANGE_KINDS)[number];
export const ACCESS_REQUEST_STATUSES = ['pending', 'approved', 'denied'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];
export const ACCESS_RULE_DECISIONS = ['approve', 'review', 'deny'] as const;
export type AccessRuleDecision = (typeof ACCESS_RULE_DECISIONS)[number];
export const RULE_DECIDERS = ['tenant_domain', 'domain_rule', 'free_mail'] as const;
export type RuleDecider = (typeof RULE_DECIDERS)[number];

export const portalSettings = pgTable('portal_settings', {
  id: boolean('id').primaryKey().default(true),
  vendorName: text('vendor_name').notNull(),
  tagline: text('tagline').notNull().default(''),
  overview: text('overview').notNull().default(''),
  logo: bytea('logo'),
  logoType: text('logo_type', { enum: ['image/png', 'image/jpeg', 'image/webp'] }),
  statusPageUrl: text('status_page_url'),
  securityContact: text('security_contact').notNull(),
  securityTxtExpiresAt: ts('security_txt_expires_at').notNull(),
  preferredLanguages: text('preferred_languages').notNull().default('en'),
  disclosurePolicy: text('disclosure_policy').notNull().default(''),
  accessGrantDays: integer('access_grant_days').notNull().default(7),
  ...updated(),
});

export const securityBlocks = pgTable('security_blocks', {
  id: id(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  position: integer('position').notNull().default(0),
  ...updated(),
});

export const documents = pgTable('documents', {
  id: id(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  category: text('category').notNull(),
  description: text('description').notNull().default(''),
  visibility: text('visibility', { enum: DOCUMENT_VISIBILITIES }).notNull(),
  /** Set for a document rendered from live data (no uploaded versions). */
  generator: text('generator', { enum: ['dpa', 'questionnaire'] }),
  validUntil: day('valid_until'),
  validityRemindedAt: ts('validity_reminded_at'),
  archivedAt: ts('archived_at'),
  createdAt: createdAt(),
  ...updated(),
});

export const documentVersions = pgTable('document_versions', {
  id: id(),
  documentId: uuid('document_id')
    .notNull()
    .references(() => documents.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  filename: text('filename').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  note: text('note').notNull().default(''),
  uploadedAt: stampedAt('uploaded_at'),
  uploadedBy: by('uploaded_by'),
});

export const certifications = pgTable('certifications', {
  id: id(),
  slug: text('slug').notNull().unique(),
  framework: text('framework').notNull(),
  description: text('description').notNull().default(''),
  status: text('status', { enum: CERTIFICATION_STATUSES }).notNull(),
  periodStart: day('period_start'),
  periodEnd: day('period_end'),
  targetDate: day('target_date'),
  reportDocumentId: uuid('report_document_id').references(() => documents.id, { onDelete: 'set null' }),
  position: integer('position').notNull().default(0),
  ...updated(),
});

export const certificationHistory = pgTable('certification_history', {
  id: id(),
  certificationId: uuid('certification_id')
    .notNull()
    .references(() => certifications.id, { onDelete: 'cascade' }),
  changedAt: stampedAt('changed_at'),
  changedBy: by('changed_by'),
  changedByName: text('changed_by_name').notNull(),
  before: jsonb('before').$type<Record<string, unknown>>(),
  after: jsonb('after').$type<Record<string, unknown>>().notNull(),
});

export const portalUpdates = pgTable('portal_updates', {
  id: id(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  publishedAt: stampedAt('published_at'),
  updatedAt: updatedAt(),
  createdBy: by('created_by'),
});

export const subprocessors = pgTable('subprocessors', {
  id: id(),
  slug: text('slug').notNull().unique(),
  createdAt: createdAt(),
});

export const subprocessorAnnouncements = pgTable('subprocessor_announcements', {
  id: id(),
  announcedAt: stampedAt('announced_at'),
  announcedBy: by('announced_by'),
});

/** A scheduled change; with its announcement and effective time it decides what is current. */
export const subprocessorChanges = pgTable('subprocessor_changes', {
  id: id(),
  subprocessorId: uuid('subprocessor_id')
    .notNull()
    .references(() => subprocessors.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: SUBPROCESSOR_CHANGE_KINDS }).notNull(),
  name: text('name').notNull(),
  purpose: text('purpose').notNull(),
  dataCategories: text('data_categories').array().notNull(),
  locations: text('locations').array().notNull(),
  transferMechanism: text('transfer_mechanism').notNull(),
  website: text('website').notNull(),
  processesCustomerRecords: boolean('processes_customer_records').notNull(),
  reason: text('reason').notNull().default(''),
  effectiveAt: ts('effective_at').notNull(),
  createdAt: createdAt(),
  createdBy: by('created_by'),
  announcementId: uuid('announcement_id').references(() => subprocessorAnnouncements.id),
  cancelledAt: ts('cancelled_at'),
  cancelledBy: by('cancelled_by'),
});

export const subscribers = pgTable('subscribers', {
  id: id(),
  email: text('email').notNull().unique(),
  status: text('status', { enum: ['pending', 'confirmed', 'unsubscribed'] })
    .notNull()
    .default('pending'),
  confirmTokenHash: text('confirm_token_hash').unique(),
  unsubscribeTokenHash: text('unsubscribe_token_hash').notNull().unique(),
  createdAt: createdAt(),
  confirmationSentAt: ts('confirmation_sent_at'),
  confirmedAt: ts('confirmed_at'),
  unsubscribedAt: ts('unsubscribed_at'),
});

export const ndaVersions = pgTable('nda_versions', {
  id: id(),
  version: integer('version').notNull().unique(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  sha256: text('sha256').notNull(),
  publishedAt: stampedAt('published_at'),
  publishedBy: by('published_by'),
});

export const ndaAcceptances = pgTable('nda_acceptances', {
  id: id(),
  ndaVersionId: uuid('nda_version_id')
    .notNull()
    .references(() => ndaVersions.id),
  ndaSha256: text('nda_sha256').notNull(),
  typedName: text('typed_name').notNull(),
  email: text('email').notNull(),
  company: text('company').notNull(),
  acceptedAt: stampedAt('accepted_at'),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export const accessDomainRules = pgTable('access_domain_rules', {
  id: id(),
  domain: text('domain').notNull().unique(),
  decision: text('decision', { enum: ACCESS_RULE_DECISIONS }).notNull(),
  mutualNda: boolean('mutual_nda').notNull().default(false),
  note: text('note').notNull().default(''),
  createdAt: createdAt(),
  createdBy: by('created_by'),
});

export const accessRequests = pgTable('access_requests', {
  id: id(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  company: text('company').notNull(),
  reason: text('reason').notNull(),
  status: text('status', { enum: ACCESS_REQUEST_STATUSES }).notNull().default('pending'),
  ndaAcceptanceId: uuid('nda_acceptance_id').references(() => ndaAcceptances.id),
  decidedByRule: text('decided_by_rule', { enum: RULE_DECIDERS }),
  decidedBy: by('decided_by'),
  decidedAt: ts('decided_at'),
  decisionNote: text('decision_note').notNull().default(''),
  ip: text('ip'),
  userAgent: text('user_agent'),
  createdAt: createdAt(),
});

export const accessRequestDocuments = pgTable(
  'access_request_documents',
  {
    accessRequestId: uuid('access_request_id')
      .notNull()
      .references(() => accessRequests.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.accessRequestId, t.documentId] })],
);

export const accessGrants = pgTable('access_grants', {
  id: id(),
  accessRequestId: uuid('access_request_id')
    .notNull()
    .unique()
    .references(() => accessRequests.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
  expiresAt: ts('expires_at').notNull(),
  revokedAt: ts('revoked_at'),
  revokedBy: by('revoked_by'),
  lastUsedAt: ts('last_used_at'),
  /** When the sweep recorded the grant's end in the governance log (0014). */
  expiryRecordedAt: ts('expiry_recorded_at'),
});

export const documentDownloads = pgTable('document_downloads', {
  id: id(),
  documentId: uuid('document_id')
    .notNull()
    .references(() => documents.id, { onDelete: 'cascade' }),
  documentVersionId: uuid('document_version_id').references(() => documentVersions.id, { onDelete: 'set null' }),
  accessGrantId: uuid('access_grant_id').references(() => accessGrants.id, { onDelete: 'set null' }),
  downloadedAt: stampedAt('downloaded_at'),
});

export const mailOutbox = pgTable('mail_outbox', {
  id: id(),
  kind: text('kind').notNull(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  textBody: text('text_body').notNull(),
  /** A link into the app, as a path; delivery puts APP_URL in front of it. */
  linkPath: text('link_path'),
  htmlBody: text('html_body'),
  headers: jsonb('headers').$type<Record<string, string>>(),
  attachmentName: text('attachment_name'),
  attachment: bytea('attachment'),
  createdAt: createdAt(),
  nextAttemptAt: stampedAt('next_attempt_at'),
  attempts: integer('attempts').notNull().default(0),
  sentAt: ts('sent_at'),
  lastError: text('last_error'),
});

export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    windowStart: ts('window_start').notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);
