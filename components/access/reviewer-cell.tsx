/** The table cell naming a reviewer: name, then e-mail and company below. */
export function ReviewerCell({ name, email, company }: { name: string; email: string; company: string }) {
  return (
    <td className="px-4 py-3">
      <span className="font-medium">{name}</span>
      <span className="block text-xs text-slate-600">
        {email} · {company}
      </span>
    </td>
  );
}
