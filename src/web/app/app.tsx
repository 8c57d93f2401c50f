// The dashboard's pages arrive with the SPA issue; until then the shell names the product and where its
// pieces run, so `npm run dev` shows that the toolchain works end to end.
export function App() {
  return (
    <main>
      <h1>vScope</h1>
      <p>Monitoring for VMware on OVHcloud.</p>
    </main>
  );
}
