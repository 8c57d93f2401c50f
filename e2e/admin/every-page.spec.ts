import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../support/axe';
import { OTHER_DC, VIEWER_DC } from '../support/env';
import { saveScreenshot } from '../support/screenshots';
import { NO_SESSION } from '../support/sign-in';

// Each page of the app, in the light and the dark theme (the system's, as a first visit sees it): axe finds no
// serious or critical WCAG 2 A/AA violation, and the page's picture is taken for the README.

interface AppPage {
  name: string;
  path: string;
  signedIn: boolean;
  /** Resolves once the page shows its data, not a spinner. */
  ready: (page: Page) => Promise<void>;
}

const PAGES: AppPage[] = [
  {
    name: 'login',
    path: '/login',
    signedIn: false,
    ready: (page) => expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible(),
  },
  {
    name: 'datacenters',
    path: '/',
    signedIn: true,
    ready: async (page) => {
      for (const dc of [VIEWER_DC, OTHER_DC])
        await expect(page.getByRole('article', { name: dc.name }).getByText(/^Updated /)).toBeVisible();
    },
  },
];

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });
    for (const appPage of PAGES) {
      test.describe(() => {
        if (!appPage.signedIn) test.use({ storageState: NO_SESSION });
        test(`${appPage.name}: accessible, and pictured`, async ({ page }, testInfo) => {
          await page.goto(appPage.path);
          await appPage.ready(page);
          await expectNoSeriousA11yViolations(page);
          await saveScreenshot(page, testInfo, `${appPage.name}-${colorScheme}`);
        });
      });
    }
  });
}
