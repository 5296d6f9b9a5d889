// The dashboard in a real browser (Debian's chromium through playwright-core) against the emulator as a process,
// with the real @azure/communication-identity SDK creating the state the page shows.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CommunicationIdentityClient } from '@azure/communication-identity';

const connection = process.env.EMULATOR_CONNECTION_STRING;
const artifacts = process.env.BROWSER_ARTIFACTS;
if (!connection || !artifacts) {
  throw new Error('Set EMULATOR_CONNECTION_STRING and BROWSER_ARTIFACTS (run.sh does).');
}

const endpoint = connection.match(/endpoint=([^;]+)/)[1];
const accessKey = connection.match(/accesskey=([^;]+)/)[1];
const base = endpoint.replace(/\/$/, '');
const client = new CommunicationIdentityClient(connection, { allowInsecureConnection: true });
const problems = [];
let context;
let userData;
let page;

async function open(section) {
  await page.goto(`${base}/emulator/ui#${section}`);
  await page.locator(`#${section}`).waitFor({ state: 'visible' });
}

async function shoot(name) {
  await page.screenshot({ path: path.join(artifacts, `dashboard-${name}.png`), fullPage: true });
}

async function inspect(token) {
  await open('tokens');
  await page.fill('#token-input', token);
  await page.click('#inspect');
  await page.locator('#token-result').waitFor({ state: 'visible' });
}

describe('dashboard in chromium', () => {
  before(async () => {
    userData = await mkdtemp(path.join(tmpdir(), 'acs-emulator-chromium-'));
    context = await chromium.launchPersistentContext(userData, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1360, height: 860 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = context.pages()[0] ?? await context.newPage();
    page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('dialog', (dialog) => dialog.accept());
    await fetch(`${base}/emulator/reset`, { method: 'POST' });
  });

  after(async () => {
    await context?.close();
    if (userData) await rm(userData, { recursive: true, force: true });
  });

  it('shows an identity created through the SDK, found by its id', async () => {
    const { user } = await client.createUserAndToken(['chat']);
    await open('identities');
    await page.fill('#identity-filter', user.communicationUserId.slice(-12));
    const row = page.locator(`#identity-rows tr[data-id="${user.communicationUserId}"]`);
    await row.waitFor();
    assert.equal(await row.locator('td').nth(2).textContent(), 'active');
    assert.equal(await row.locator('td').nth(5).textContent(), '1');
    assert.match(await page.textContent('#identity-count'), /^1 shown of 1 identities/);
    await shoot('identities');
  });

  it('revokes from the page, and the inspector then calls an earlier token revoked', async () => {
    const { user, token } = await client.createUserAndToken(['voip']);
    await inspect(token);
    assert.equal(await page.textContent('#token-verdict'), 'valid');

    await open('identities');
    await page.fill('#identity-filter', user.communicationUserId);
    const row = page.locator(`#identity-rows tr[data-id="${user.communicationUserId}"]`);
    await row.getByRole('button', { name: `Revoke tokens of ${user.communicationUserId}` }).click();
    await row.locator('td.state-revoked').waitFor();

    await inspect(token);
    assert.equal(await page.textContent('#token-verdict'), 'revoked');
    const facts = await page.textContent('#token-facts');
    assert.match(facts, /verified with the emulator's key/);
    assert.match(facts, /Time to expiry.*on the emulated clock/s);
    assert.match(await page.textContent('#token-claims'), /"skypeid"/);
    // The published screenshot shows no whole token, even a throw-away one.
    await page.fill('#token-input', `${token.slice(0, 48)}…`);
    await shoot('tokens');
  });

  it('advances the clock past a token lifetime, and the inspector then calls the token expired', async () => {
    const { token, expiresOn } = await client.createUserAndToken(['chat'], { tokenExpiresInMinutes: 60 });
    await inspect(token);
    assert.equal(await page.textContent('#token-verdict'), 'valid');

    await open('clock');
    await page.fill('#advance-seconds', '3700');
    await page.getByRole('button', { name: 'Advance', exact: true }).click();
    await page.locator('#clock-offset').filter({ hasText: '01:01:40' }).waitFor();
    const now = new Date(await page.textContent('#clock-now'));
    assert.ok(now > expiresOn, `emulated time ${now.toISOString()} should be after ${expiresOn.toISOString()}`);
    await shoot('clock');

    await inspect(token);
    assert.equal(await page.textContent('#token-verdict'), 'expired');
    assert.match(await page.textContent('#token-facts'), /expired 1 min \d+ s ago on the emulated clock/);

    await open('clock');
    await page.click('#clock-reset');
    await page.locator('#clock-offset').filter({ hasText: 'none: real time' }).waitFor();
  });

  it('shows why a wrongly signed request was refused, in the journal entry chosen with the keyboard', async () => {
    const wrongKey = Buffer.from(accessKey, 'base64').reverse().toString('base64');
    const wrong = new CommunicationIdentityClient(`endpoint=${endpoint};accesskey=${wrongKey}`, { allowInsecureConnection: true });
    await assert.rejects(wrong.createUser(), (error) => error.statusCode === 401);

    await open('requests');
    await page.fill('#filter-status', '401');
    await page.press('#filter-status', 'Enter');
    const row = page.locator('#request-rows tr').filter({ hasText: 'POST' }).first();
    await row.waitFor();
    await row.focus();
    await page.keyboard.press('Enter');
    const reason = page.locator('#request-reason');
    await reason.filter({ hasText: 'Signature mismatch' }).waitFor();
    const text = await reason.textContent();
    assert.match(text, /matches none of the variants/);
    assert.match(text, /The emulator computed "POST\\n\/identities\?api-version=/);
    assert.ok(!text.includes(accessKey) && !text.includes(wrongKey), 'the reason must not show a key');
    const facts = await page.textContent('#request-facts');
    assert.match(facts, /HMAC-SHA256: rejected/);
    assert.match(facts, /azsdk-js-communication-identity/);
    await shoot('requests');
  });

  it('shows the configuration without the access key', async () => {
    await open('config');
    await page.locator('#config-facts dd').first().waitFor();
    const text = await page.textContent('#config-facts');
    assert.match(text, new RegExp(new URL(endpoint).port));
    assert.match(text, /Unknown api-versions\s*Reject/);
    assert.ok(!text.includes(accessKey), 'the configuration must not show the access key');
    assert.ok(!(await page.content()).includes(accessKey));
    await shoot('config');
  });

  it('had no console error, page error or failed request on any page', () => {
    assert.deepEqual(problems, []);
  });
});
