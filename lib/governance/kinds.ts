import type { ActorKind } from '@/lib/core/actor';

/**
 * Every kind of governance event, with the chain it lands in and one line on what it records.
 * Call sites name kinds through emitEvent(), whose `kind` is typed by this catalog, so a kind
 * that is not listed here does not compile. docs/governance-events.md documents each one (its
 * actor, subject and payload); a test keeps the two in step.
 *
 * chain: 'tenant' (the tenant's own chain), 'vendor' (the vendor chain), or 'either' (the
 * tenant's chain when the event concerns one, else the vendor chain).
 * actors: the kinds of actor that record it. The database holds the same list
 * (governance_event_kinds) and refuses any other actor the kind, so even the portal's own
 * machinery ('system', 'governance') cannot write an event it never makes.
 */

export const EVENT_KINDS = {
  // Sign-in and refusals
  'auth.signed_in': { chain: 'either', actors: ['auth', 'system'], description: 'A person signed in (demo or SSO), or a reviewer opened an access link.' },
  'auth.sign_in_failed': {
    chain: 'either',
    actors: ['auth', 'system'],
    description: 'A sign-in was refused: bad or expired state or link, unknown or suspended account, SSO error, demo sign-in off, or too many failures.',
  },
  'auth.signed_out': { chain: 'either', actors: ['auth'], description: 'A person ended their session.' },
  'auth.user_provisioned': { chain: 'tenant', actors: ['auth'], description: 'SSO created a customer member just in time, as the tenant allows.' },
  'auth.refused': {
    chain: 'either',
    actors: ['customer', 'staff', 'anonymous'],
    description: 'A signed-in (or anonymous) request was refused with 403; coalesced per actor, path and code.',
  },

  // Roles, mappings and directory sync
  'identity.role_changed': {
    chain: 'either',
    actors: ['directory', 'vendor_directory'],
    description: 'A person’s role or status changed as their directory groups and the group mappings say.',
  },
  'identity.mapping_added': { chain: 'either', actors: ['customer', 'staff'], description: 'An administrator mapped a directory group to a role.' },
  'identity.mapping_removed': { chain: 'either', actors: ['customer', 'staff'], description: 'An administrator removed a group-to-role mapping.' },
  'identity.jit_provisioning_changed': {
    chain: 'tenant',
    actors: ['customer'],
    description: 'A customer admin turned just-in-time provisioning through SSO on or off.',
  },
  'directory.user_created': { chain: 'either', actors: ['directory', 'vendor_directory'], description: 'Directory Sync created a user.' },
  'directory.user_updated': {
    chain: 'either',
    actors: ['directory', 'vendor_directory'],
    description: 'Directory Sync changed a user’s e-mail address or name (which fields, never the values).',
  },
  'directory.user_deprovisioned': {
    chain: 'either',
    actors: ['directory', 'vendor_directory'],
    description: 'Directory Sync suspended a user and ended their sessions.',
  },
  'directory.user_reactivated': {
    chain: 'either',
    actors: ['directory', 'vendor_directory'],
    description: 'Directory Sync made a deprovisioned (or adopted) user active again.',
  },
  'directory.user_refused': {
    chain: 'either',
    actors: ['directory', 'vendor_directory'],
    description: 'Directory Sync refused a user whose address is outside the organization’s domains or belongs to another user.',
  },
  'directory.group_created': { chain: 'either', actors: ['directory', 'vendor_directory'], description: 'Directory Sync created a group.' },
  'directory.group_renamed': {
    chain: 'either',
    actors: ['directory', 'vendor_directory'],
    description: 'Directory Sync renamed a group (its members’ roles are derived again).',
  },
  'directory.group_deleted': { chain: 'either', actors: ['directory', 'vendor_directory'], description: 'Directory Sync deleted a group.' },
  'directory.member_added': { chain: 'either', actors: ['directory', 'vendor_directory'], description: 'Directory Sync put a user in a group.' },
  'directory.member_removed': { chain: 'either', actors: ['directory', 'vendor_directory'], description: 'Directory Sync took a user out of a group.' },
  'directory.deleted': {
    chain: 'either',
    actors: ['directory', 'vendor_directory'],
    description: 'A directory was deleted: every user it provisioned is suspended.',
  },

  // Lockbox and break-glass (kind strings predate this catalog and stay as they are)
  'lockbox.requested': { chain: 'tenant', actors: ['staff'], description: 'A support engineer asked the tenant for access to its data.' },
  'lockbox.approval_recorded': { chain: 'tenant', actors: ['customer'], description: 'A customer admin approved a request that needs a second approval.' },
  'lockbox.approved': { chain: 'tenant', actors: ['customer'], description: 'A request was approved: the grant is active.' },
  'lockbox.denied': { chain: 'tenant', actors: ['customer'], description: 'A customer admin denied a request.' },
  'lockbox.request_expired': { chain: 'tenant', actors: ['system'], description: 'A request expired unanswered.' },
  'lockbox.revoked': { chain: 'tenant', actors: ['customer'], description: 'A customer admin revoked an active grant.' },
  'lockbox.grant_expired': { chain: 'tenant', actors: ['system'], description: 'An approved grant reached its end.' },
  'lockbox.settings_changed': { chain: 'tenant', actors: ['customer'], description: 'A customer admin changed the tenant’s lockbox settings.' },
  'support.tenant_data_read': { chain: 'tenant', actors: ['staff'], description: 'A staff member read the tenant’s records under a lockbox grant.' },
  'support.break_glass_data_read': {
    chain: 'tenant',
    actors: ['staff'],
    description: 'A break-glass holder read the tenant’s records under a break-glass session.',
  },
  'support.tenant_record_updated': {
    chain: 'tenant',
    actors: ['staff'],
    description: 'A staff member changed a tenant record under a read-write grant or break-glass session.',
  },
  'support.break_glass_invoked': { chain: 'tenant', actors: ['staff'], description: 'A break-glass holder opened emergency access to the tenant.' },
  'support.break_glass_ended': {
    chain: 'tenant',
    actors: ['staff', 'system'],
    description: 'A break-glass session ended (early by its holder, or at its limit).',
  },
  'support.break_glass_reviewed': {
    chain: 'tenant',
    actors: ['staff'],
    description: 'Another holder recorded the post-incident review of a break-glass session.',
  },
  'support.break_glass_holders_changed': { chain: 'vendor', actors: ['staff'], description: 'A trust admin designated the break-glass holders.' },

  // The machine API for the vendor's own systems
  'integration.service_account_created': {
    chain: 'vendor',
    actors: ['staff'],
    description: 'A trust admin created a service account for one of the vendor’s systems (its name and scopes).',
  },
  'integration.service_account_rotated': { chain: 'vendor', actors: ['staff'], description: 'A trust admin gave a service account a new secret.' },
  'integration.service_account_revoked': { chain: 'vendor', actors: ['staff'], description: 'A trust admin revoked a service account.' },
  'integration.tenant_key_set': {
    chain: 'tenant',
    actors: ['staff'],
    description: 'A trust admin set or changed the key the vendor’s product knows the tenant by.',
  },
  'integration.access_reported': {
    chain: 'tenant',
    actors: ['service'],
    description: 'A vendor system reported a read or write of the tenant’s data by a staff member, with the grant that covered it or none.',
  },
  'integration.access_checked': {
    chain: 'tenant',
    actors: ['service'],
    description:
      'A vendor system asked whether a staff member may reach the tenant’s data now, and was answered; coalesced per system, staff member, access and answer.',
  },

  // Portal content and certifications (vendor chain, trust admins)
  'content.certification_created': { chain: 'vendor', actors: ['staff'], description: 'A certification was added.' },
  'content.certification_updated': { chain: 'vendor', actors: ['staff'], description: 'A certification’s status, dates, report or text changed.' },
  'content.security_block_created': { chain: 'vendor', actors: ['staff'], description: 'A block of the security overview was added.' },
  'content.security_block_updated': { chain: 'vendor', actors: ['staff'], description: 'A block of the security overview was changed.' },
  'content.security_block_deleted': { chain: 'vendor', actors: ['staff'], description: 'A block of the security overview was removed.' },
  'content.security_blocks_reordered': { chain: 'vendor', actors: ['staff'], description: 'The blocks of the security overview were put in a new order.' },
  'content.update_created': { chain: 'vendor', actors: ['staff'], description: 'A portal update (news) was posted or scheduled.' },
  'content.update_edited': { chain: 'vendor', actors: ['staff'], description: 'A portal update was changed.' },
  'content.update_deleted': { chain: 'vendor', actors: ['staff'], description: 'A portal update was removed.' },
  'content.settings_updated': { chain: 'vendor', actors: ['staff'], description: 'The portal settings changed (which fields, never the values).' },
  'content.security_txt_updated': {
    chain: 'vendor',
    actors: ['staff'],
    description: 'The security.txt settings (contact, expiry, languages, policy) changed.',
  },
  'content.logo_changed': { chain: 'vendor', actors: ['staff'], description: 'The portal logo was replaced or removed.' },
  'content.document_created': { chain: 'vendor', actors: ['staff'], description: 'A document was created with its first PDF.' },
  'content.document_updated': { chain: 'vendor', actors: ['staff'], description: 'A document’s title, category, description, visibility or validity changed.' },
  'content.document_archived': { chain: 'vendor', actors: ['staff'], description: 'A document was archived (its grants stop opening it).' },
  'content.document_restored': { chain: 'vendor', actors: ['staff'], description: 'An archived document was restored.' },
  'content.document_version_uploaded': { chain: 'vendor', actors: ['staff'], description: 'A new version of a document’s PDF was uploaded.' },
  'content.document_version_downloaded': { chain: 'vendor', actors: ['staff'], description: 'A trust admin downloaded a stored version of a document.' },
  'content.dpa_draft_saved': { chain: 'vendor', actors: ['staff'], description: 'The DPA draft was saved.' },
  'content.dpa_published': { chain: 'vendor', actors: ['staff'], description: 'A new DPA version was published.' },
  'content.nda_published': { chain: 'vendor', actors: ['staff'], description: 'A new NDA version was published.' },
  'content.questionnaire_answers_updated': { chain: 'vendor', actors: ['staff'], description: 'Questionnaire answers were saved or imported.' },
  'content.questionnaire_exported': { chain: 'vendor', actors: ['staff'], description: 'A trust admin exported a questionnaire (CSV, XLSX or PDF).' },
  'content.subprocessor_change_scheduled': {
    chain: 'vendor',
    actors: ['staff'],
    description: 'A sub-processor addition, update or removal was scheduled as a draft.',
  },
  'content.subprocessor_changes_announced': {
    chain: 'vendor',
    actors: ['staff'],
    description: 'The draft sub-processor changes were announced to subscribers.',
  },
  'content.subprocessor_change_cancelled': { chain: 'vendor', actors: ['staff'], description: 'A scheduled sub-processor change was cancelled.' },

  // Reviewer access to gated documents (vendor chain)
  'access.requested': { chain: 'vendor', actors: ['anonymous'], description: 'A reviewer asked for gated documents.' },
  'access.nda_accepted': { chain: 'vendor', actors: ['anonymous'], description: 'A reviewer accepted the NDA (version and SHA-256 recorded).' },
  'access.approved': { chain: 'vendor', actors: ['staff'], description: 'A trust admin approved an access request.' },
  'access.denied': { chain: 'vendor', actors: ['staff'], description: 'A trust admin denied an access request.' },
  'access.auto_approved': { chain: 'vendor', actors: ['system'], description: 'A rule approved an access request (a domain rule or a customer’s domain).' },
  'access.auto_denied': { chain: 'vendor', actors: ['system'], description: 'A rule denied an access request (a domain rule or a free-mail domain).' },
  'access.grant_created': { chain: 'vendor', actors: ['staff', 'system'], description: 'An approval created a grant and e-mailed its link.' },
  'access.grant_revoked': { chain: 'vendor', actors: ['staff'], description: 'A trust admin revoked a grant.' },
  'access.grant_expired': { chain: 'vendor', actors: ['system'], description: 'A grant reached its end.' },
  'access.rule_added': { chain: 'vendor', actors: ['staff'], description: 'A trust admin added a domain rule.' },
  'access.rule_removed': { chain: 'vendor', actors: ['staff'], description: 'A trust admin removed a domain rule.' },
  'access.document_downloaded': { chain: 'vendor', actors: ['system'], description: 'A reviewer downloaded a gated document (a copy stamped for them).' },

  // DPA executions (tenant chain)
  'dpa.executed': { chain: 'tenant', actors: ['customer'], description: 'A customer admin executed the DPA for the tenant.' },
  'dpa.downloaded': { chain: 'tenant', actors: ['customer'], description: 'A customer user downloaded the tenant’s executed DPA.' },

  // Personal data
  'privacy.data_exported': { chain: 'either', actors: ['customer', 'staff'], description: 'A person exported their personal data (POST /api/me/export).' },
  'privacy.account_deleted': {
    chain: 'tenant',
    actors: ['customer'],
    description: 'A customer user deleted their account; their name and e-mail were erased from the log.',
  },

  // The log itself
  'governance.log_exported': { chain: 'either', actors: ['customer', 'staff', 'governance'], description: 'A chain was exported (console, API or CLI).' },
  'governance.forwarding_added': {
    chain: 'either',
    actors: ['customer', 'staff'],
    description: 'An admin added an endpoint that receives the chain’s events (SIEM forwarding).',
  },
  'governance.forwarding_removed': { chain: 'either', actors: ['customer', 'staff'], description: 'An admin removed a forwarding endpoint.' },
  'governance.forwarding_rotated': { chain: 'either', actors: ['customer', 'staff'], description: 'An admin rotated a forwarding endpoint’s signing secret.' },
  'governance.forwarding_disabled': {
    chain: 'either',
    actors: ['governance'],
    description: 'Forwarding disabled an endpoint that accepted nothing for five days.',
  },
  'governance.forwarding_enabled': { chain: 'either', actors: ['customer', 'staff'], description: 'An admin enabled a disabled forwarding endpoint again.' },
  'governance.checkpoint_rejected': {
    chain: 'either',
    actors: ['governance'],
    description: 'An export found a checkpoint that no published key signed (written without the signing key): left out of exports, recorded once.',
  },
} as const satisfies Record<string, { chain: 'tenant' | 'vendor' | 'either'; actors: readonly ActorKind[]; description: string }>;

export type EventKind = keyof typeof EVENT_KINDS;

/** The shape every kind must have: lowercase words joined by dots, underscores within words. */
export const KIND_PATTERN = /^[a-z_]+(\.[a-z_]+)+$/;
