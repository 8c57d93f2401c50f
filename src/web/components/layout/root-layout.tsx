import { Outlet } from 'react-router';
import { useApplyPreferences } from './use-apply-preferences';

/** Every page, signed in or not: the URL's theme and language applied. */
export function RootLayout() {
  useApplyPreferences();
  return <Outlet />;
}
