import { DATE_RULE_MESSAGES } from './certification-rules';
import { CERTIFICATION_FIELD_MESSAGES } from './certifications';
import { formErrors } from './input';
import { MAX_LOGO_BYTES } from './logo';
import { SECURITY_BLOCK_FIELD_MESSAGES } from './security-blocks';
import { MAX_EXPIRY_DAYS, SETTINGS_FIELD_MESSAGES } from './settings';
import { UPDATE_FIELD_MESSAGES } from './updates';

// What each staff page says for `?error=<code>` after a form post: the same sentences the
// validation gives JSON callers.

export const CERTIFICATION_ERRORS = formErrors(CERTIFICATION_FIELD_MESSAGES, {
  ...DATE_RULE_MESSAGES,
  slug_taken: 'Another certification already uses that slug.',
  not_found: 'That certification no longer exists.',
});

export const SECURITY_BLOCK_ERRORS = formErrors(SECURITY_BLOCK_FIELD_MESSAGES, {
  slug_taken: 'Another block already uses that slug.',
  not_found: 'That block no longer exists.',
});

export const UPDATE_ERRORS = formErrors(UPDATE_FIELD_MESSAGES, { not_found: 'That update no longer exists.' });

export const SETTINGS_ERRORS = formErrors(SETTINGS_FIELD_MESSAGES, {
  expiry_past: 'The security.txt expiry must be in the future.',
  expiry_too_far: `The security.txt expiry can be at most ${MAX_EXPIRY_DAYS} days ahead.`,
  logo_missing: 'Choose an image file to upload.',
  logo_too_large: `The logo can be at most ${MAX_LOGO_BYTES / 1024} KB.`,
  logo_type: 'The logo must be a PNG, JPEG or WebP image.',
  settings_missing: 'Save the portal settings first, then add the logo.',
  payload_too_large: `The logo can be at most ${MAX_LOGO_BYTES / 1024} KB.`,
});
