// Placeholder until the hosts feature lands; the route is declared so the app's shape is fixed.
export function HostsPage() {
  return <p className="state">Coming soon.</p>;
}
