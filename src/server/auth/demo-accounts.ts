// The demo's local accounts. Their passwords are published (README, start-up banner), which makes them the
// first passwords anyone tries: demo mode creates them, and no real account may have one.

export const DEMO_LOCAL_USERS = [
  { username: 'admin', password: 'vscope-demo', role: 'admin', pccUser: null },
  // Inherits the rights of the simulator's PCC user `dev`: the first datacenter only.
  { username: 'viewer', password: 'viewer-demo', role: 'viewer', pccUser: 'dev' },
] as const;
