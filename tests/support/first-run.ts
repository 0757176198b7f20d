import type { Page } from 'playwright-core';

/**
 * The first-run screens a newcomer meets in browser mode: set up the first (admin) profile,
 * give a vault passphrase where no keychain answers, and acknowledge the recovery code. For
 * e2e tests whose subject comes after them; tests of the setup screens themselves drive them.
 */
export async function completeFirstRun(page: Page, admin: { name: string; passphrase: string }, vaultPassphrase: string): Promise<void> {
  const setup = page.getByRole('form', { name: 'Set up Folio' });
  await setup.getByLabel('Your name').fill(admin.name);
  await setup.getByLabel('Passphrase (at least 8 characters)').fill(admin.passphrase);
  await setup.getByLabel('Passphrase again').fill(admin.passphrase);
  const vault = setup.getByLabel(/Vault passphrase/);
  if (await vault.count()) await vault.fill(vaultPassphrase);
  await setup.getByRole('button', { name: 'Create the vault' }).click();
  await page.getByLabel('I have written it down').check();
  await page.getByRole('button', { name: 'Continue' }).click();
}
