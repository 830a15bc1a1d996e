import ExcelJS from 'exceljs';
import { ANSWER_LABELS } from './answers';
import { AnswerInputError, IMPORT_COLUMNS, type ImportColumn } from './errors';
import { type AnswerRow, rowCells, type Sheet, SHEET_COLUMNS } from './sheet';
import { checkZipArchive } from './zip-guard';

const WIDTHS: Record<ImportColumn, number> = { Section: 26, 'Question ID': 12, Question: 60, Answer: 9, Comment: 60, Evidence: 28 };

/**
 * The answers as an XLSX workbook: every cell a plain string (never a formula, whatever it
 * starts with), text-formatted so that a spreadsheet program keeps what is typed as text, with
 * a list of answers to pick from, and a second sheet naming the documents evidence can link.
 */
export async function answersToXlsx(title: string, rows: AnswerRow[], documents: { slug: string; title: string }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Trust Center';
  workbook.title = title;
  const sheet = workbook.addWorksheet('Answers', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = SHEET_COLUMNS.map((c) => ({
    key: c,
    width: WIDTHS[c],
    style: { numFmt: '@', alignment: { vertical: 'top', wrapText: c === 'Question' || c === 'Comment' } },
  }));
  const header = sheet.addRow([...SHEET_COLUMNS]);
  header.font = { bold: true };
  for (const r of rows) sheet.addRow(rowCells(r));
  const answerColumn = IMPORT_COLUMNS.indexOf('Answer') + 1;
  for (let n = 2; n <= rows.length + 1; n++) {
    sheet.getCell(n, answerColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${Object.values(ANSWER_LABELS).join(',')}"`],
      showErrorMessage: true,
      errorTitle: 'Answer',
      error: 'Choose Yes, No or N/A, or leave the cell empty.',
    };
  }
  const docs = workbook.addWorksheet('Evidence documents');
  docs.columns = [
    { header: 'Evidence (slug)', key: 'slug', width: 32, style: { numFmt: '@' } },
    { header: 'Document', key: 'title', width: 60, style: { numFmt: '@' } },
  ];
  docs.getRow(1).font = { bold: true };
  for (const d of documents) docs.addRow({ slug: d.slug, title: d.title });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function damaged(): never {
  throw new AnswerInputError('unreadable_xlsx', 'The XLSX file is damaged or not a workbook. Export it again from your spreadsheet program.', {}, 400);
}

const richText = (v: ExcelJS.CellRichTextValue) => v.richText.map((part) => part.text).join('');

/** A cell's text. Formulas, dates and error values are refused: an answer is plain text. */
function cellText(cell: ExcelJS.Cell, row: number, column: ImportColumn | undefined): string {
  const v = cell.value;
  const refuse = (what: string) => {
    const place = { row, column };
    const where = column ? `Row ${row}, column “${column}”` : `Row ${row}, column ${cell.col}`;
    throw new AnswerInputError('unsupported_cell', `${where}: the cell holds ${what}; only plain text can be imported.`, place);
  };
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return refuse('a date');
  if ('richText' in v) return richText(v);
  if ('formula' in v || 'sharedFormula' in v) return refuse('a formula');
  // A link's text is a string, or rich text when it was formatted.
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : richText(v.text as unknown as ExcelJS.CellRichTextValue);
  if ('error' in v) return refuse(`an error value (${v.error})`);
  return refuse('a value of an unknown kind');
}

/** The first worksheet of an XLSX upload as a sheet, rows numbered as the spreadsheet shows them. */
export async function sheetFromXlsx(bytes: Buffer): Promise<Sheet> {
  await checkZipArchive(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    damaged();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) damaged();
  const headerRow = sheet.getRow(1);
  const width = Math.max(headerRow.cellCount, 0);
  const header: string[] = [];
  for (let c = 1; c <= width; c++) header.push(cellText(headerRow.getCell(c), 1, undefined));
  const columnOf = (c: number) => IMPORT_COLUMNS.find((name) => name.toLowerCase() === header[c - 1]?.trim().replace(/\s+/g, ' ').toLowerCase());
  const rows: Sheet['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, width); c++) cells.push(cellText(row.getCell(c), number, columnOf(c)));
    rows.push({ row: number, cells });
  });
  return { header, rows };
}
