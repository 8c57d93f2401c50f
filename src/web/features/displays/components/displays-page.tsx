// Placeholder until the displays feature lands; the route is declared so the app's shape is fixed.
export function DisplaysPage() {
  return <p className="state">Coming soon.</p>;
}
