/** Where a console form sends its reader back to (see formBack in lib/http/answer.ts). */
export function Back({ to }: { to: string }) {
  return <input type="hidden" name="back" value={to} />;
}
