// Placeholder until the filers feature lands; the route is declared so the app's shape is fixed.
export function FilersPage() {
  return <p className="state">Coming soon.</p>;
}
