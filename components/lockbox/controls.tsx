import { TextArea } from '@/components/ui/field';

/** Where a console form sends its reader back to (see formBack in lib/http/answer.ts). */
export function Back({ to }: { to: string }) {
  return <input type="hidden" name="back" value={to} />;
}

/** Why staff ask for a tenant's data, read by its admins: the justification of a lockbox request or a break-glass session. */
export function Justification({ id, hint }: { id: string; hint: string }) {
  return <TextArea mono={false} id={id} name="justification" label="Justification" hint={hint} required minLength={20} maxLength={2000} rows={4} />;
}
