import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/web/testing/render';
import { useCellKit } from './cells';

function Linked() {
  const kit = useCellKit();
  return <>{kit.link('/dc/pcc-1/886/vms/42/graphs', 'web-01', 'vm-42')}</>;
}

describe('useCellKit().link', () => {
  it('keeps the preserved parameters, drops the table’s own, and is followed in the app on a plain click', async () => {
    const { user, router } = renderWithProviders(<Linked />, {
      url: '/t?theme=dark&lang=fr&sort=-cpu&q=web',
      path: '/t',
      routes: [{ path: '/dc/:sn/:dc/vms/:vm/graphs', element: <p>Graphs page</p> }],
    });
    const link = screen.getByRole('link', { name: 'web-01' });
    expect(link).toHaveAttribute('href', '/dc/pcc-1/886/vms/42/graphs?theme=dark&lang=fr');
    expect(link).toHaveAttribute('title', 'vm-42');

    await user.click(link);
    expect(await screen.findByText('Graphs page')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/dc/pcc-1/886/vms/42/graphs');
    expect(router.state.location.search).toBe('?theme=dark&lang=fr');
  });

  it('leaves a modified click to the browser (new tab or window)', async () => {
    const { user, router } = renderWithProviders(<Linked />, { url: '/t', path: '/t' });
    await user.keyboard('{Control>}');
    await user.click(screen.getByRole('link', { name: 'web-01' }));
    await user.keyboard('{/Control}');
    expect(router.state.location.pathname).toBe('/t');
  });
});
