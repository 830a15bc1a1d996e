export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl px-4 py-20 text-center">
      <p className="text-sm font-semibold text-brand-700">403</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">You don’t have access to this page</h1>
      <p className="mt-3 text-slate-700">
        Your account is signed in but its role does not allow this page. Vendor staff use the staff admin; customers use the customer console.
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <a href="/" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          Go to the overview
        </a>
        <a href="/sign-in" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Sign in with another account
        </a>
      </div>
    </div>
  );
}
