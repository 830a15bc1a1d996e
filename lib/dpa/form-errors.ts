import { formErrors } from '@/lib/portal/input';
import { DPA_FIELD_MESSAGES } from './content';
import { EXECUTE_FIELD_MESSAGES } from './executions';

// What the DPA pages say for `?error=<code>` after a form post: the same sentences the
// validation gives JSON callers.

export const DPA_DRAFT_ERRORS = formErrors(DPA_FIELD_MESSAGES, {
  nothing_to_publish: 'The draft is the same as the version in force: change something before publishing.',
  invalid_change_note: 'Describe the change in up to 500 characters.',
  conflict: 'Another version was published at the same moment. Reload and try again.',
});

export const DPA_EXECUTE_ERRORS = formErrors(EXECUTE_FIELD_MESSAGES, {
  already_executed: 'Your organization has executed this version of the DPA already.',
  no_dpa: 'No DPA has been published yet.',
  forbidden: 'Only your organization’s customer admins can execute the DPA.',
});
