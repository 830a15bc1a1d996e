export function SiteFooter() {
  return (
    <footer className="no-print mt-16 border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-slate-600">
        Trust Center is open-source software you can host yourself. Each customer’s data is isolated by the database
        itself.
      </div>
    </footer>
  );
}
