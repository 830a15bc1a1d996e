import { formatDate } from '@/lib/core/dates';
import { Document, Link, Page, StyleSheet, Text, View, renderToBuffer } from '@react-pdf/renderer';
import { MONO, SANS, registerPdfFonts } from '@/lib/pdf/fonts';
import { ANSWER_LABELS, type Answer } from './answers';
import type { QuestionnairePdfInput } from './pdf-data';

const INK = '#0f172a';
const MUTED = '#475569';
const FAINT = '#64748b';
const RULE = '#cbd5e1';
const BRAND = '#2448b0';

const styles = StyleSheet.create({
  // No lineHeight on a page with page numbers: react-pdf then drops every render-prop text on it.
  page: { paddingTop: 64, paddingBottom: 56, paddingHorizontal: 44, fontSize: 8.5, fontFamily: SANS, color: INK },
  coverPage: { paddingVertical: 72, paddingHorizontal: 64, fontFamily: SANS, color: INK, fontSize: 10, lineHeight: 1.45 },
  eyebrow: { fontSize: 9, color: BRAND, textTransform: 'uppercase', letterSpacing: 1.2, fontWeight: 600 },
  coverTitle: { fontSize: 26, fontWeight: 700, marginTop: 10, lineHeight: 1.2 },
  coverVendor: { fontSize: 14, color: MUTED, marginTop: 8 },
  coverDescription: { marginTop: 24, color: '#334155', maxWidth: 420 },
  changed: { marginTop: 28, fontSize: 12, fontWeight: 600 },
  facts: { marginTop: 28, flexDirection: 'row', borderTopWidth: 0.75, borderTopColor: RULE, borderBottomWidth: 0.75, borderBottomColor: RULE },
  fact: { flex: 1, paddingVertical: 10 },
  // A line height of its own: the page's (1.45 × 10 pt) would be shorter than these letters.
  factValue: { fontSize: 18, fontWeight: 700, lineHeight: 1.25 },
  factLabel: { fontSize: 8, lineHeight: 1.4, color: MUTED, textTransform: 'uppercase', letterSpacing: 0.6 },
  aboutHeading: { marginTop: 32, fontSize: 10, fontWeight: 600 },
  about: { marginTop: 4, color: '#334155', maxWidth: 440 },
  coverFooter: { position: 'absolute', left: 64, right: 64, bottom: 56, fontSize: 8.5, color: MUTED },
  confidential: { marginBottom: 6, color: '#9a3412', fontWeight: 600 },
  h1: { fontSize: 16, fontWeight: 700, marginBottom: 14 },
  tocRow: { flexDirection: 'row', alignItems: 'flex-end', height: 24, paddingBottom: 4, borderBottomWidth: 0.5, borderBottomColor: RULE },
  tocNumber: { width: 22, color: FAINT, fontSize: 10 },
  tocName: { flexGrow: 1, fontSize: 10 },
  tocLink: { color: INK, textDecoration: 'none' },
  tocCount: { fontSize: 8, color: FAINT },
  tocPage: { width: 40, textAlign: 'right', fontSize: 10, color: INK, textDecoration: 'none' },
  header: { position: 'absolute', top: 28, left: 44, right: 44, flexDirection: 'row', justifyContent: 'space-between', fontSize: 7.5, color: FAINT },
  footerLeft: { position: 'absolute', bottom: 26, left: 44, fontSize: 7.5, color: FAINT },
  // A render-prop text is laid out apart from the page: it names its font, or it would be Helvetica.
  footerRight: { position: 'absolute', bottom: 26, right: 44, fontFamily: SANS, fontSize: 7.5, color: FAINT, textAlign: 'right' },
  marker: { position: 'absolute', fontFamily: SANS, fontSize: 1, height: 0 },
  sectionHeading: { fontSize: 12, fontWeight: 700, marginTop: 16, marginBottom: 6 },
  tableHead: { flexDirection: 'row', backgroundColor: '#f1f5f9', borderBottomWidth: 0.75, borderBottomColor: '#94a3b8' },
  headCell: { fontFamily: SANS, fontSize: 7.5, fontWeight: 600, color: '#334155' },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: RULE },
  cell: { paddingVertical: 5, paddingHorizontal: 4, fontSize: 8.5, lineHeight: 1.4 },
  id: { width: 48, fontFamily: MONO, fontSize: 7.5 },
  question: { flex: 2.2 },
  answer: { width: 64 },
  comment: { flex: 2.4, color: '#1e293b' },
  evidence: { width: 84, fontSize: 7.5 },
  link: { color: BRAND, textDecoration: 'underline' },
  none: { color: FAINT },
});

const ANSWER_STYLE: Record<Answer | 'none', { color: string; backgroundColor: string }> = {
  yes: { color: '#065f46', backgroundColor: '#d1fae5' },
  no: { color: '#9f1239', backgroundColor: '#ffe4e6' },
  na: { color: '#334155', backgroundColor: '#e2e8f0' },
  none: { color: '#92400e', backgroundColor: '#fef3c7' },
};

function AnswerBadge({ answer }: { answer: Answer | null }) {
  const style = ANSWER_STYLE[answer ?? 'none'];
  return (
    <Text style={{ ...style, fontWeight: 600, fontSize: 7, paddingHorizontal: 3, paddingVertical: 1, borderRadius: 3, alignSelf: 'flex-start' }}>
      {answer ? ANSWER_LABELS[answer] : 'Not answered'}
    </Text>
  );
}

function Cover({ input, counts }: { input: QuestionnairePdfInput; counts: Record<Answer | 'none', number> & { total: number } }) {
  const url = `${input.appUrl}/documents/${input.documentSlug}.pdf`;
  return (
    <Page size="A4" style={styles.coverPage}>
      <Text style={styles.eyebrow}>Security questionnaire</Text>
      <Text style={styles.coverTitle}>{input.title}</Text>
      <Text style={styles.coverVendor}>Answered by {input.vendorName}</Text>
      {input.description ? <Text style={styles.coverDescription}>{input.description}</Text> : null}
      <Text style={styles.changed}>Answers last changed {formatDate(input.answersChangedAt)}</Text>
      <View style={styles.facts}>
        {(
          [
            ['Questions', counts.total],
            ['Yes', counts.yes],
            ['No', counts.no],
            ['N/A', counts.na],
            ['Not answered', counts.none],
          ] as const
        ).map(([label, value]) => (
          <View key={label} style={styles.fact}>
            <Text style={styles.factValue}>{value}</Text>
            <Text style={styles.factLabel}>{label}</Text>
          </View>
        ))}
      </View>
      <Text style={styles.aboutHeading}>About these answers</Text>
      <Text style={styles.about}>
        Each question is answered Yes, No or N/A (not applicable), with a comment where it helps and, where one exists, a link to the document that backs the
        answer. Public documents open directly; the others open once your request for access on {input.appUrl}/documents is approved.
      </Text>
      <View style={styles.coverFooter}>
        {input.visibility !== 'public' ? (
          <Text style={styles.confidential}>Confidential: shared with approved reviewers under the {input.vendorName} non-disclosure agreement.</Text>
        ) : null}
        <Text>
          Generated from the answers {input.vendorName} keeps current in its trust center. The latest version is always at{' '}
          <Link src={url} style={styles.link}>
            {url}
          </Link>
          .
        </Text>
      </View>
    </Page>
  );
}

function Contents({ input, pages }: { input: QuestionnairePdfInput; pages: (number | undefined)[] }) {
  return (
    <Page size="A4" style={styles.page}>
      <RunningHeader input={input} />
      <Text style={styles.h1}>Contents</Text>
      {input.sections.map((s, i) => (
        <View key={s.name} style={styles.tocRow} wrap={false}>
          <Text style={styles.tocNumber}>{i + 1}</Text>
          <Text style={styles.tocName}>
            <Link src={`#section-${i + 1}`} style={styles.tocLink}>
              {s.name}
            </Link>
            <Text style={styles.tocCount}>
              {'   '}
              {s.questions.length} {s.questions.length === 1 ? 'question' : 'questions'}
            </Text>
          </Text>
          <Link src={`#section-${i + 1}`} style={styles.tocPage}>
            {pages[i] === undefined ? ' ' : String(pages[i])}
          </Link>
        </View>
      ))}
      <PageFooter input={input} />
    </Page>
  );
}

function RunningHeader({ input }: { input: QuestionnairePdfInput }) {
  return (
    <View style={styles.header} fixed>
      <Text>
        {input.vendorName} · {input.title}
      </Text>
      <Text>Answers last changed {formatDate(input.answersChangedAt)}</Text>
    </View>
  );
}

function PageFooter({ input }: { input: QuestionnairePdfInput }) {
  return (
    <>
      <Text style={styles.footerLeft} fixed>
        {input.visibility === 'public' ? `${input.appUrl}/documents/${input.documentSlug}.pdf` : 'Confidential: shared under NDA'}
      </Text>
      <Text style={styles.footerRight} fixed render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
    </>
  );
}

function TableHead() {
  const head = (column: (typeof styles)[keyof typeof styles]) => [styles.cell, column, styles.headCell];
  return (
    <View style={styles.tableHead} fixed>
      <Text style={head(styles.id)}>ID</Text>
      <Text style={head(styles.question)}>Question</Text>
      <Text style={head(styles.answer)}>Answer</Text>
      <Text style={head(styles.comment)}>Comment</Text>
      <Text style={head(styles.evidence)}>Evidence</Text>
    </View>
  );
}

// A row taller than this may break across pages rather than overflow one.
const UNBREAKABLE_COMMENT = 700;

/** Where each section's heading and first row landed in a pass (pages, 1-based). */
interface Landing {
  heading: number[];
  firstRow: number[];
}

/** What a pass is told from the one before: the contents' page numbers, and sections that must start a page. */
interface Plan {
  tocPages: (number | undefined)[];
  breaks: boolean[];
}

/** An invisible text that reports the page it lands on. */
function PageMarker({ onPage }: { onPage: (page: number) => void }) {
  return (
    <Text
      style={styles.marker}
      render={({ pageNumber }) => {
        onPage(pageNumber);
        return '';
      }}
    />
  );
}

function Sections({ input, plan, landing }: { input: QuestionnairePdfInput; plan: Plan; landing: Landing }) {
  return (
    <Page size="A4" style={styles.page} wrap>
      <RunningHeader input={input} />
      {input.sections.map((s, i) => (
        <View key={s.name} id={`section-${i + 1}`} break={plan.breaks[i]}>
          <Text style={styles.sectionHeading} minPresenceAhead={40}>
            {`${i + 1}. ${s.name}`}
          </Text>
          <PageMarker onPage={(page) => (landing.heading[i] = page)} />
          <TableHead />
          {s.questions.map((q, n) => (
            <View key={q.id} style={styles.row} wrap={q.comment.length + q.question.length > UNBREAKABLE_COMMENT}>
              {n === 0 ? <PageMarker onPage={(page) => (landing.firstRow[i] = page)} /> : null}
              <Text style={[styles.cell, styles.id]}>{q.id}</Text>
              <Text style={[styles.cell, styles.question]}>{q.question}</Text>
              <View style={[styles.cell, styles.answer]}>
                <AnswerBadge answer={q.answer} />
              </View>
              <View style={[styles.cell, styles.comment]}>
                {/* One text per line: react-pdf writes a line break as an empty run in Helvetica, a font the PDF would not embed. */}
                {q.comment.split('\n').map((line, k) => (
                  <Text key={k}>{line || ' '}</Text>
                ))}
              </View>
              <View style={[styles.cell, styles.evidence]}>
                {q.evidence ? (
                  <Link src={`${input.appUrl}/documents/${q.evidence.slug}.pdf`} style={styles.link}>
                    {q.evidence.title}
                  </Link>
                ) : (
                  <Text style={styles.none}>None</Text>
                )}
              </View>
            </View>
          ))}
        </View>
      ))}
      <PageFooter input={input} />
    </Page>
  );
}

function QuestionnaireDocument({ input, plan, landing }: { input: QuestionnairePdfInput; plan: Plan; landing: Landing }) {
  const all = input.sections.flatMap((s) => s.questions);
  const counts = {
    total: all.length,
    yes: all.filter((q) => q.answer === 'yes').length,
    no: all.filter((q) => q.answer === 'no').length,
    na: all.filter((q) => q.answer === 'na').length,
    none: all.filter((q) => q.answer === null).length,
  };
  return (
    <Document
      title={`${input.title}: ${input.vendorName}`}
      author={input.vendorName}
      subject={`Answers of ${input.vendorName} to the ${input.title}: ${counts.total} questions in ${input.sections.length} sections`}
      keywords="security questionnaire, due diligence, trust center"
      creator="Trust Center"
      producer="Trust Center (react-pdf)"
      creationDate={new Date(input.answersChangedAt)}
      language="en"
    >
      <Cover input={input} counts={counts} />
      <Contents input={input} pages={plan.tocPages} />
      <Sections input={input} plan={plan} landing={landing} />
    </Document>
  );
}

const MAX_PASSES = 6;

/**
 * The questionnaire as a PDF. react-pdf cannot refer forward to page numbers, so each pass
 * records where every section's heading landed and the next pass prints those numbers in the
 * contents. The contents occupy one page of fixed-height rows whatever the numbers, so they do
 * not move what follows. A heading that landed at the foot of a page without its first row
 * (react-pdf keeps a row whole) starts a new page in the next pass. Passes repeat until one
 * prints exactly where things landed: two for most questionnaires.
 */
export async function renderQuestionnairePdf(input: QuestionnairePdfInput): Promise<Buffer> {
  registerPdfFonts();
  const plan: Plan = { tocPages: input.sections.map(() => undefined), breaks: input.sections.map(() => false) };
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const landing: Landing = { heading: [], firstRow: [] };
    const bytes = await renderToBuffer(<QuestionnaireDocument input={input} plan={plan} landing={landing} />);
    const orphaned = input.sections.map((s, i) => s.questions.length > 0 && landing.firstRow[i] > landing.heading[i]);
    const settled = input.sections.every((_, i) => landing.heading[i] === plan.tocPages[i] && !orphaned[i]);
    if (settled) return bytes;
    plan.tocPages = input.sections.map((_, i) => landing.heading[i]);
    plan.breaks = plan.breaks.map((b, i) => b || orphaned[i]);
  }
  throw new Error(`the contents of questionnaire ${input.slug} did not settle on stable page numbers`);
}
