import { Document, Page, StyleSheet, Text, View, renderToBuffer } from '@react-pdf/renderer';
import { MONO, SANS, registerPdfFonts } from '@/lib/pdf/fonts';

/** Everything a reviewer's click-through acceptance recorded, as both sides receive it. */
export interface AcceptanceRecord {
  acceptanceId: string;
  vendorName: string;
  ndaTitle: string;
  ndaVersion: number;
  ndaSha256: string;
  ndaBody: string;
  typedName: string;
  email: string;
  company: string;
  acceptedAt: Date;
  ip: string | null;
  userAgent: string | null;
}

const styles = StyleSheet.create({
  page: { paddingVertical: 48, paddingHorizontal: 56, fontSize: 10, fontFamily: SANS, color: '#0f172a' },
  // Line heights are set on each text in points: react-pdf multiplies a unitless one by the
  // element's own font size (or 18 when it inherits its size), and drops the text of a fixed,
  // absolutely positioned footer on a page that sets one.
  eyebrow: { fontSize: 9, color: '#2448b0', textTransform: 'uppercase', letterSpacing: 1 },
  title: { fontSize: 18, fontFamily: SANS, fontWeight: 700, marginTop: 4, marginBottom: 14 },
  heading: { fontSize: 12, fontFamily: SANS, fontWeight: 700, marginTop: 18, marginBottom: 6 },
  row: { flexDirection: 'row', borderBottomWidth: 0.5, borderBottomColor: '#cbd5e1', paddingVertical: 4 },
  label: { width: 130, color: '#475569', lineHeight: '14.5pt' },
  value: { flex: 1, lineHeight: '14.5pt' },
  mono: { fontFamily: MONO, fontSize: 9 },
  body: { marginTop: 4 },
  paragraph: { marginBottom: 6, lineHeight: '14.5pt' },
  footer: { position: 'absolute', bottom: 24, left: 56, right: 56, fontSize: 8, color: '#64748b', flexDirection: 'row', justifyContent: 'space-between' },
});

function Row({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <View style={styles.row} wrap={false}>
      <Text style={styles.label}>{label}</Text>
      <Text style={mono ? [styles.value, styles.mono] : styles.value}>{value}</Text>
    </View>
  );
}

function AcceptanceDocument({ r }: { r: AcceptanceRecord }) {
  return (
    <Document title={`NDA acceptance record: ${r.typedName}`} author={r.vendorName} subject={`${r.ndaTitle}, version ${r.ndaVersion}`}>
      <Page size="A4" style={styles.page}>
        <View style={styles.footer} fixed>
          <Text>
            {r.ndaTitle}, version {r.ndaVersion}, accepted by {r.typedName}
          </Text>
          <Text render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
        </View>
        <Text style={styles.eyebrow}>{r.vendorName} trust portal</Text>
        <Text style={styles.title}>Record of NDA acceptance</Text>
        <Row label="Agreement" value={r.ndaTitle} />
        <Row label="Version" value={String(r.ndaVersion)} />
        <Row label="SHA-256 of the text" value={r.ndaSha256} mono />
        <Row label="Accepted by (typed name)" value={r.typedName} />
        <Row label="E-mail" value={r.email} />
        <Row label="Company" value={r.company} />
        <Row label="Accepted at (UTC)" value={r.acceptedAt.toISOString()} />
        <Row label="IP address" value={r.ip ?? 'unknown'} />
        <Row label="User agent" value={r.userAgent ?? 'unknown'} />
        <Row label="Record id" value={r.acceptanceId} mono />
        <Text style={styles.heading}>Full text accepted</Text>
        <View style={styles.body}>
          {r.ndaBody.split(/\n{2,}/).map((paragraph, i) => (
            <Text key={i} style={styles.paragraph}>
              {paragraph}
            </Text>
          ))}
        </View>
      </Page>
    </Document>
  );
}

/** The acceptance record as a PDF, mailed to the reviewer and to the trust admins. */
export function renderAcceptancePdf(record: AcceptanceRecord): Promise<Buffer> {
  registerPdfFonts();
  return renderToBuffer(<AcceptanceDocument r={record} />);
}
