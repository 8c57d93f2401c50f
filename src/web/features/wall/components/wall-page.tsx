// Placeholder until the wall feature lands; the route is declared so the app's shape is fixed.
export function WallPage() {
  return <p className="state">Coming soon.</p>;
}
