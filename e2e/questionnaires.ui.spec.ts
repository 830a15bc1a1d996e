import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import { type Page, expect, test } from '@playwright/test';
import { pdfText } from '../test/helpers/pdf-tools';
import { ACCOUNTS, signIn } from './helpers';

// These tests change the CAIQ-Lite answers one after the other; the API tests use SIG-Lite.
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const SCREENS = 'test-results/screens';
const unique = () => randomBytes(4).toString('hex');

async function screens(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SCREENS}/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SCREENS}/${name}-390.png` });
  // Nothing may overflow sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Waits until React has hydrated the page's forms: hydration resets a <select> changed before it ran. */
async function settle(page: Page) {
  await page.waitForFunction(() => {
    const form = document.querySelector('main form');
    return form !== null && Object.keys(form).some((key) => key.startsWith('__reactFiber'));
  });
}

async function openCaiq(page: Page) {
  await page.goto('/admin/questionnaires/caiq-lite');
  await expect(page.getByRole('heading', { level: 1, name: 'Cloud security questionnaire (CAIQ-Lite style)' })).toBeVisible();
  await settle(page);
}

test('a trust admin edits an answer and the downloaded PDF shows it', async ({ page }) => {
  await signIn(page.request, ACCOUNTS.alice);
  await page.goto('/admin/questionnaires');
  await expect(page.getByRole('heading', { level: 1, name: 'Questionnaires' })).toBeVisible();
  const row = page.getByRole('row', { name: /Third-party risk questionnaire/ });
  await expect(row).toContainText(/\d+ of 54/);
  await expect(row).toContainText('not answered');
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  await screens(page, 'admin-questionnaires');

  await page.getByRole('link', { name: 'Cloud security questionnaire (CAIQ-Lite style)', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cloud security questionnaire (CAIQ-Lite style)' })).toBeVisible();
  await settle(page);
  const comment = `Customer-managed keys are available since release ${unique()}.`;
  const section = page.locator('#section-3');
  await section.getByLabel('Answer to ENC-05').selectOption('yes');
  await section.getByLabel('Comment on ENC-05').fill(comment);
  await section.getByLabel('Evidence for ENC-05').selectOption({ label: 'Security whitepaper' });
  await section.getByRole('button', { name: 'Save section 3' }).click();
  await expect(page.locator('#section-3').getByRole('status')).toHaveText('Saved: 1 answer changed. The PDF shows the change.');
  await expect(page.getByLabel('Comment on ENC-05')).toHaveValue(comment);
  await expect(page.getByLabel('Answer to ENC-05')).toHaveValue('yes');
  const { violations: editViolations } = await new AxeBuilder({ page }).analyze();
  expect(editViolations.map((v) => v.id)).toEqual([]);
  await page.locator('#section-3').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/admin-questionnaire-section.png` });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENS}/admin-questionnaire-top.png` });
  await screens(page, 'admin-questionnaire');

  // The public download is rendered from the saved answers.
  const pdf = await page.request.get('/documents/caiq-lite-questionnaire.pdf');
  expect(pdf.status()).toBe(200);
  const text = await pdfText(await pdf.body());
  expect(text.replace(/\s+/g, ' ')).toContain(comment.slice(0, 30));
  expect(text).toMatch(/ENC-05.*Yes/);

  // The trust admin's own download link gives the same PDF.
  const preview = await page.request.get('/api/admin/questionnaires/caiq-lite/pdf');
  expect((await preview.body()).equals(await pdf.body())).toBe(true);

  // A bad value posted to the form (as a crafted request would) is refused beside its section.
  await page.evaluate(() => {
    const select = document.querySelector<HTMLSelectElement>('select[name="evidence.ENC-06"]')!;
    select.add(new Option('Gone', 'no-such-document'));
    select.value = 'no-such-document';
  });
  await section.getByRole('button', { name: 'Save section 3' }).click();
  await expect(page.locator('#section-3').getByRole('alert')).toHaveText(
    'ENC-06, evidence: there is no document with that slug to link as evidence. The “Evidence documents” sheet of the XLSX export lists them. Nothing was changed.',
  );
});

test('a trust admin exports the answers, edits the workbook and imports it; bad uploads show the error', async ({ page }, testInfo) => {
  await signIn(page.request, ACCOUNTS.alice);
  await openCaiq(page);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export XLSX' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^caiq-lite-answers-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const exported = testInfo.outputPath('answers.xlsx');
  await download.saveAs(exported);

  // Imported as exported: nothing changes.
  await page.getByLabel(/XLSX or CSV file/).setInputFiles(exported);
  await page.getByRole('button', { name: 'Import answers' }).click();
  await expect(page.locator('#import').getByRole('status')).toHaveText('Imported 48 rows: they match the saved answers, so nothing changed.');

  // Edited in a spreadsheet program: one answer changes.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile(exported)) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const rowOf = sheet.getColumn(2).values.findIndex((v) => v === 'PRV-04');
  const note = `=Reviewed by legal ${unique()}`;
  sheet.getRow(rowOf).getCell(5).value = note;
  const edited = testInfo.outputPath('edited.xlsx');
  await workbook.xlsx.writeFile(edited);
  await settle(page);
  await page.getByLabel(/XLSX or CSV file/).setInputFiles(edited);
  await page.getByRole('button', { name: 'Import answers' }).click();
  await expect(page.locator('#import').getByRole('status')).toHaveText('Imported 48 rows: 1 answer changed. The PDF shows the change.');
  await expect(page.getByLabel('Comment on PRV-04')).toHaveValue(note);

  // A file that is not a workbook, and a CSV with a bad answer, are refused with their reason.
  await settle(page);
  await page.getByLabel(/XLSX or CSV file/).setInputFiles({
    name: 'answers.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from('not a workbook'),
  });
  await page.getByRole('button', { name: 'Import answers' }).click();
  await expect(page.locator('#import').getByRole('alert')).toHaveText(
    'The XLSX file is damaged or not a workbook. Export it again from your spreadsheet program. Nothing was changed.',
  );
  await settle(page);
  const csv = 'Section,Question ID,Question,Answer,Comment,Evidence\r\nData privacy,PRV-04,Q,No,Changed,\r\nData privacy,PRV-05,Q,Perhaps,,\r\n';
  await page.getByLabel(/XLSX or CSV file/).setInputFiles({ name: 'answers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Import answers' }).click();
  await expect(page.locator('#import').getByRole('alert')).toHaveText(
    'Row 3, column “Answer”: the answer must be Yes, No or N/A, or empty for a question not answered yet. Nothing was changed.',
  );
  await expect(page.getByLabel('Comment on PRV-04')).toHaveValue(note);
  await page.locator('#import').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}/admin-questionnaire-import-error.png` });
});

test('support engineers and customers cannot open the questionnaire pages', async ({ browser }) => {
  for (const email of [ACCOUNTS.bob, ACCOUNTS.carol]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page.request, email);
    for (const path of ['/admin/questionnaires', '/admin/questionnaires/caiq-lite']) {
      const response = await page.goto(path);
      expect(response?.status(), `${email} ${path}`).toBe(403);
    }
    await context.close();
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/admin/questionnaires');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin/);
  await context.close();
});
