import { describedFields, fieldErrors } from '@/lib/core/parse-input';
import { newDocumentFields } from '@/lib/documents/schemas';

/** What the staff see when a documents form comes back with `?error=<code>`. */
export const DOCUMENT_FORM_ERRORS: Record<string, string> = fieldErrors(describedFields(newDocumentFields), {
  empty_file: 'The file is empty or missing. Choose the PDF to upload.',
  not_a_pdf: 'That file is not a PDF. Only PDF documents can be uploaded.',
  truncated_pdf: 'That PDF is incomplete (it has no end-of-file marker). Upload the whole file again.',
  damaged_pdf: 'That PDF is damaged: its structure cannot be read. Export or save it again from the application that made it, then upload the new file.',
  encrypted_pdf:
    'That PDF is encrypted (a password, or restrictions on printing, copying or editing), so it cannot be stamped with each reviewer’s name. Save a copy without security settings and upload that.',
  pdf_without_pages: 'That PDF has no pages. Upload a PDF with at least one page.',
  file_too_large: 'The file is larger than 20 MB. Upload a smaller PDF.',
  unsupported_media_type: 'Send the form with its file attached.',
  invalid_upload: 'The upload could not be read. Choose the file and send the form again.',
  slug_taken: 'Another document already uses that slug. Choose another one.',
  same_file: 'That file is already the current version.',
  archived: 'This document is archived. Restore it before uploading a new version.',
  already_archived: 'That document is already archived.',
  not_archived: 'That document is not archived.',
  not_found: 'That document no longer exists.',
  invalid_request: 'Some fields were missing or not valid. Check the form and try again.',
});
