import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** One rule axe-core says the page breaks, with the elements that break it. */
export interface AxeViolation {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface AxeWindow {
  axe?: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> };
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA, and best practices) on the page as it is now. The source
 * goes in through the DevTools protocol, which the app's strict CSP does not govern, so nothing in
 * the app is loosened for the test.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => (window as unknown as AxeWindow).axe !== undefined);
  if (!loaded) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const runner = (window as unknown as AxeWindow).axe;
    if (!runner) throw new Error('axe-core did not load');
    const result = await runner.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  });
}
