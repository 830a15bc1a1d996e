/** A plain form post: works without JavaScript, and the server ends the session row. */
export function SignOutButton() {
  return (
    <form method="post" action="/api/auth/signout">
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
        Sign out
      </button>
    </form>
  );
}
