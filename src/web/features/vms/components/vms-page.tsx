// Placeholder until the vms feature lands; the route is declared so the app's shape is fixed.
export function VmsPage() {
  return <p className="state">Coming soon.</p>;
}
