import { Link, NavLink, useSearchParams, type LinkProps, type NavLinkProps } from 'react-router';
import { withPreservedParams } from '@/web/lib/preferences';

// Links that keep the theme, language, time zone and kiosk parameters of the current URL.

export function PreservedLink({ to, ...props }: Omit<LinkProps, 'to'> & { to: string }) {
  const [params] = useSearchParams();
  return <Link to={withPreservedParams(to, params)} {...props} />;
}

export function PreservedNavLink({ to, ...props }: Omit<NavLinkProps, 'to'> & { to: string }) {
  const [params] = useSearchParams();
  return <NavLink to={withPreservedParams(to, params)} {...props} />;
}
