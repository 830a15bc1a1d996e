import { formatDate } from '@/lib/core/dates';
import { Document, Link, Page, StyleSheet, Text, View, renderToBuffer } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { MONO, SANS, registerPdfFonts } from '@/lib/pdf/fonts';
import { numberPages } from '@/lib/pdf/page-numbers';

import { SCC_MODULES } from './content';
import type { DpaRenderInput } from './render-input';

const INK = '#0f172a';
const MUTED = '#475569';
const RULE = '#cbd5e1';
const ACCENT = '#2448b0';
const LINE = '14pt';
// Inter's contextual alternates and ligatures cost most of the render time (fontkit shapes every
// run through them) and change nothing in plain contract text; kerning stays.
const FEATURES = { calt: false, liga: false, clig: false, rclt: false, ccmp: false, locl: false, mark: false, mkmk: false };

const s = StyleSheet.create({
  page: { paddingTop: 52, paddingBottom: 64, paddingHorizontal: 58, fontSize: 9.5, fontFamily: SANS, color: INK, fontFeatureSettings: FEATURES },
  // Line heights are set on each text in points: react-pdf multiplies a unitless one by the
  // element's own font size (or 18 when it inherits its size), and drops the text of a fixed,
  // absolutely positioned footer on a page that sets one.
  line: { lineHeight: LINE },
  eyebrow: { fontSize: 8.5, color: ACCENT, textTransform: 'uppercase', letterSpacing: 1, fontWeight: 600 },
  title: { fontSize: 22, fontWeight: 700, marginTop: 6, lineHeight: 1.25 },
  subtitle: { fontSize: 10, color: MUTED, marginTop: 2, marginBottom: 14 },
  status: { borderWidth: 0.75, borderColor: ACCENT, backgroundColor: '#eef2ff', borderRadius: 3, padding: 9, marginBottom: 16 },
  statusTitle: { fontWeight: 700, color: ACCENT, marginBottom: 2, lineHeight: LINE },
  annex: { marginTop: 22 },
  h1: { fontSize: 14, fontWeight: 700, marginBottom: 8, lineHeight: 1.3 },
  h2: { fontSize: 11, fontWeight: 700, marginTop: 12, marginBottom: 4, lineHeight: 1.35 },
  h3: { fontSize: 9.5, fontWeight: 600, marginTop: 8, marginBottom: 2 },
  p: { marginBottom: 5, lineHeight: LINE },
  muted: { color: MUTED, lineHeight: LINE },
  parties: { flexDirection: 'row', gap: 12, marginBottom: 14 },
  party: { flex: 1, borderWidth: 0.75, borderColor: RULE, borderRadius: 3, padding: 9 },
  partyRole: { fontSize: 8, color: MUTED, textTransform: 'uppercase', letterSpacing: 0.6, marginBottom: 3 },
  partyName: { fontWeight: 700, fontSize: 10.5, lineHeight: '15pt' },
  bullet: { flexDirection: 'row', marginBottom: 2 },
  bulletMark: { width: 10, color: MUTED, lineHeight: LINE },
  bulletText: { flex: 1, lineHeight: LINE },
  defRow: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: RULE, paddingVertical: 5 },
  defLabel: { width: 150, fontWeight: 600, paddingRight: 8, lineHeight: LINE },
  defValue: { flex: 1 },
  table: { borderTopWidth: 0.75, borderTopColor: INK, marginTop: 4 },
  th: { flexDirection: 'row', borderBottomWidth: 0.75, borderBottomColor: INK, paddingVertical: 4, fontWeight: 700, fontSize: 8.5 },
  tr: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: RULE, paddingVertical: 4, fontSize: 8.5 },
  cell: { paddingRight: 6, lineHeight: '12pt' },
  signatures: { flexDirection: 'row', gap: 12, marginTop: 18 },
  signature: { flex: 1, borderTopWidth: 0.75, borderTopColor: INK, paddingTop: 6 },
  mono: { fontFamily: MONO, fontSize: 7.5, lineHeight: '11pt' },
  link: { color: ACCENT, textDecoration: 'none' },
  footer: {
    position: 'absolute',
    bottom: 28,
    left: 58,
    right: 58,
    fontSize: 7.5,
    color: MUTED,
    flexDirection: 'row',
    justifyContent: 'space-between',
    borderTopWidth: 0.5,
    borderTopColor: RULE,
    paddingTop: 6,
  },
});

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean);

/** Text as the staff write it: paragraphs split by blank lines, "- " lines a list, a "## " line a heading. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {paragraphs(text).map((p, i) => {
        const lines = p.split('\n');
        if (lines.every((l) => l.startsWith('- '))) return <Bullets key={i} items={lines.map((l) => l.slice(2))} />;
        if (lines.length === 1 && p.startsWith('## ')) {
          return (
            <Text key={i} style={s.h3} minPresenceAhead={30}>
              {p.slice(3)}
            </Text>
          );
        }
        return (
          <Text key={i} style={s.p}>
            {p}
          </Text>
        );
      })}
    </>
  );
}

function Bullets({ items }: { items: string[] }) {
  return (
    <View style={{ marginBottom: 4 }}>
      {items.map((item, i) => (
        <View key={i} style={s.bullet} wrap={false}>
          <Text style={s.bulletMark}>•</Text>
          <Text style={s.bulletText}>{item}</Text>
        </View>
      ))}
    </View>
  );
}

function Definition({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View style={s.defRow}>
      <Text style={s.defLabel}>{label}</Text>
      <View style={s.defValue}>{children}</View>
    </View>
  );
}

function Parties({ d }: { d: DpaRenderInput }) {
  const c = d.version.content;
  return (
    <View style={s.parties}>
      <View style={s.party}>
        <Text style={s.partyRole}>Controller (“the Customer”)</Text>
        <Text style={s.partyName}>{d.execution?.customerLegalName ?? 'The customer named in the order form'}</Text>
        <Text style={s.muted}>
          {d.execution ? `Represented by ${d.execution.signerName}, ${d.execution.signerTitle}` : 'Completed when the customer executes this agreement.'}
        </Text>
      </View>
      <View style={s.party}>
        <Text style={s.partyRole}>Processor (“{d.vendorName}”)</Text>
        <Text style={s.partyName}>{c.processorName}</Text>
        <Text style={s.muted}>{c.processorAddress}</Text>
        <Text style={s.muted}>Privacy contact: {c.processorContact}</Text>
      </View>
    </View>
  );
}

function Status({ d }: { d: DpaRenderInput }) {
  if (d.execution) {
    return (
      <View style={s.status}>
        <Text style={s.statusTitle}>
          Executed by {d.execution.customerLegalName} on {formatDate(d.execution.executedAt)}
        </Text>
        <Text style={s.line}>
          Signed electronically by {d.execution.signerName} ({d.execution.signerTitle}, {d.execution.signerEmail}) through the {d.vendorName} trust center.
          Execution record {d.execution.id}.
        </Text>
      </View>
    );
  }
  return (
    <View style={s.status}>
      <Text style={s.statusTitle}>Current template, version {d.version.number}</Text>
      <Text style={s.line}>Customers execute this agreement from their console; the executed copy names the customer and the date of execution.</Text>
    </View>
  );
}

function Signatures({ d }: { d: DpaRenderInput }) {
  const c = d.version.content;
  return (
    <View style={s.signatures} wrap={false}>
      <View style={s.signature}>
        <Text style={s.h3}>For the Customer</Text>
        {d.execution ? (
          <>
            <Text style={s.line}>{d.execution.customerLegalName}</Text>
            <Text style={s.line}>
              {d.execution.signerName}, {d.execution.signerTitle}
            </Text>
            <Text style={s.muted}>Executed electronically on {formatDate(d.execution.executedAt)} (UTC)</Text>
          </>
        ) : (
          <Text style={s.muted}>Name, title and date are recorded when the customer executes this agreement.</Text>
        )}
      </View>
      <View style={s.signature}>
        <Text style={s.h3}>For the Processor</Text>
        <Text style={s.line}>{c.processorName}</Text>
        <Text style={s.muted}>
          Version {d.version.number} of its standard terms, published {formatDate(d.version.publishedAt)}
        </Text>
      </View>
    </View>
  );
}

function AnnexOne({ d }: { d: DpaRenderInput }) {
  const c = d.version.content;
  return (
    <View break>
      <Text style={s.h1}>Annex I: Details of the processing</Text>
      <Definition label="Subject matter">
        <Paragraphs text={c.subjectMatter} />
      </Definition>
      <Definition label="Duration">
        <Paragraphs text={c.duration} />
      </Definition>
      <Definition label="Nature and purpose">
        <Paragraphs text={c.natureAndPurpose} />
      </Definition>
      <Definition label="Categories of data subjects">
        <Bullets items={c.dataSubjects} />
      </Definition>
      <Definition label="Categories of personal data">
        <Bullets items={c.dataCategories} />
      </Definition>
      <Definition label="Special categories of data">
        <Paragraphs text={c.specialCategories} />
      </Definition>
      <Definition label="Standard Contractual Clauses">
        {c.sccModules.length ? (
          <>
            <Text style={s.p}>
              Where personal data is transferred to a country without an adequacy decision, the EU Standard Contractual Clauses (Commission Implementing
              Decision 2021/914) apply with these modules:
            </Text>
            <Bullets items={c.sccModules.map((m) => SCC_MODULES[m])} />
          </>
        ) : (
          <Text style={s.line}>No module applies: no restricted transfer takes place under this agreement.</Text>
        )}
      </Definition>
      <Definition label="Governing law">
        <Text style={s.line}>{c.governingLaw}</Text>
      </Definition>
    </View>
  );
}

function AnnexTwo({ d }: { d: DpaRenderInput }) {
  return (
    <View style={s.annex}>
      <Text style={s.h1} minPresenceAhead={80}>
        Annex II: Technical and organisational measures
      </Text>
      <Text style={[s.p, s.muted]}>
        The measures below are those published on the security overview at {d.portalUrl}/security on {formatDate(d.asOf)}. The Processor may improve them; it
        will not lower the overall level of protection.
      </Text>
      {d.measures.length === 0 ? <Text style={s.line}>The security overview lists no measures yet.</Text> : null}
      {d.measures.map((m, i) => (
        <View key={i}>
          <Text style={s.h2} minPresenceAhead={40}>
            {i + 1}. {m.title}
          </Text>
          <Paragraphs text={m.body} />
        </View>
      ))}
    </View>
  );
}

const SUB_COLUMNS = [
  { label: 'Sub-processor', width: '19%' },
  { label: 'Purpose', width: '27%' },
  { label: 'Personal data', width: '21%' },
  { label: 'Location', width: '15%' },
  { label: 'Transfer safeguard', width: '18%' },
] as const;

function AnnexThree({ d }: { d: DpaRenderInput }) {
  const { current, upcoming } = d.subprocessors;
  return (
    <View style={s.annex}>
      <Text style={s.h1} minPresenceAhead={120}>
        Annex III: Sub-processors
      </Text>
      <Text style={[s.p, s.muted]}>
        The Customer authorises the sub-processors listed here, as of {formatDate(d.asOf)}. The live list, with advance notice of every change, is at{' '}
        <Link src={`${d.portalUrl}/subprocessors`} style={s.link}>
          {d.portalUrl}/subprocessors
        </Link>
        .
      </Text>
      <View style={s.table}>
        <View style={s.th} fixed>
          {SUB_COLUMNS.map((col) => (
            <Text key={col.label} style={[s.cell, { width: col.width }]}>
              {col.label}
            </Text>
          ))}
        </View>
        {current.length === 0 ? <Text style={[s.tr, s.line]}>No sub-processors are engaged.</Text> : null}
        {current.map((sp, i) => (
          <View key={i} style={s.tr} wrap={false}>
            <Text style={[s.cell, { width: SUB_COLUMNS[0].width, fontWeight: 600 }]}>{sp.name}</Text>
            <Text style={[s.cell, { width: SUB_COLUMNS[1].width }]}>{sp.purpose}</Text>
            <Text style={[s.cell, { width: SUB_COLUMNS[2].width }]}>{sp.dataCategories.join(', ')}</Text>
            <Text style={[s.cell, { width: SUB_COLUMNS[3].width }]}>{sp.locations.join(', ')}</Text>
            <Text style={[s.cell, { width: SUB_COLUMNS[4].width }]}>{sp.transferMechanism}</Text>
          </View>
        ))}
      </View>
      <Text style={s.h2} minPresenceAhead={60}>
        Announced changes
      </Text>
      {upcoming.length === 0 ? (
        <Text style={s.line}>No change is announced.</Text>
      ) : (
        <>
          <Text style={[s.p, s.muted]}>
            These changes are announced and take effect on the date shown unless the Customer objects as the agreement provides.
          </Text>
          {upcoming.map((c, i) => (
            <View key={i} style={s.tr} wrap={false}>
              <Text style={[s.cell, { width: '17%' }]}>{formatDate(c.effectiveAt)}</Text>
              <View style={[s.cell, { width: '22%' }]}>
                <Text style={s.muted}>{c.change}</Text>
                <Text style={[s.line, { fontWeight: 600 }]}>{c.name}</Text>
              </View>
              <View style={{ width: '61%' }}>
                {c.differences.map((line, j) => (
                  <Text key={j} style={s.cell}>
                    {line}
                  </Text>
                ))}
              </View>
            </View>
          ))}
        </>
      )}
    </View>
  );
}

function DpaDocument({ d }: { d: DpaRenderInput }) {
  const c = d.version.content;
  const party = d.execution ? `Executed for ${d.execution.customerLegalName}` : 'Template';
  return (
    <Document
      title={d.execution ? `${c.title}: ${d.execution.customerLegalName}` : c.title}
      author={d.vendorName}
      subject={
        d.execution
          ? `${c.title} version ${d.version.number} between ${c.processorName} and ${d.execution.customerLegalName}, executed ${d.execution.executedAt.slice(0, 10)}`
          : `${c.title} version ${d.version.number}, template`
      }
      keywords={`DPA, GDPR, version ${d.version.number}, ${d.version.contentSha256}`}
      creator={`${d.vendorName} trust center`}
      producer="Trust Center (@react-pdf/renderer)"
      language="en"
      creationDate={new Date(d.asOf)}
    >
      <Page size="A4" style={s.page}>
        <View style={s.footer} fixed>
          <Text style={s.line}>
            {c.title}, version {d.version.number} · {party}
          </Text>
        </View>
        <Text style={s.eyebrow}>{d.vendorName}</Text>
        <Text style={s.title}>{c.title}</Text>
        <Text style={s.subtitle}>
          Version {d.version.number}, published {formatDate(d.version.publishedAt)}
        </Text>
        <Text style={[s.mono, s.muted, { marginTop: -10, marginBottom: 12 }]}>Content SHA-256 {d.version.contentSha256}</Text>
        <Status d={d} />
        <Parties d={d} />
        {c.preamble ? <Paragraphs text={c.preamble} /> : null}
        {c.clauses.map((clause, i) => (
          <View key={i}>
            <Text style={s.h2} minPresenceAhead={40}>
              {i + 1}. {clause.heading}
            </Text>
            <Paragraphs text={clause.body} />
          </View>
        ))}
        <Signatures d={d} />
        <AnnexOne d={d} />
        <AnnexTwo d={d} />
        <AnnexThree d={d} />
      </Page>
    </Document>
  );
}

// The page number sits at the right end of the footer line (see s.footer).
const PAGE_NUMBERS = { right: 58, baseline: 34.2, size: 7.5, color: [0x47 / 255, 0x55 / 255, 0x69 / 255] } as const;

/** The DPA as a PDF: the template (no execution) or a tenant's executed copy. */
export async function renderDpaPdf(input: DpaRenderInput): Promise<Buffer> {
  registerPdfFonts();
  return numberPages(await renderToBuffer(<DpaDocument d={input} />), PAGE_NUMBERS);
}
