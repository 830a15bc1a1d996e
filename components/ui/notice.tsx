/**
 * The outcome of a form post, shown at the top of the page it redirected back to:
 * `?error=<code>` (looked up in `errors`, with a fallback) or a success message.
 */
export function FormNotice({ error, errors, success }: { error?: string; errors: Record<string, string>; success?: string }) {
  if (error) {
    return (
      <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
        {(Object.hasOwn(errors, error) ? errors[error] : undefined) ?? 'That could not be saved. Check the fields and try again.'}
      </p>
    );
  }
  // A success message looked up by a code from the address: only a string is a message.
  if (typeof success === 'string' && success) {
    return (
      <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
        {success}
      </p>
    );
  }
  return null;
}
