// Placeholder until the graphs feature lands; the route is declared so the app's shape is fixed.
export function GraphsPage() {
  return <p className="state">Coming soon.</p>;
}
