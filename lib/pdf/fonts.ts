import path from 'node:path';
import { Font } from '@react-pdf/renderer';

/** The typefaces every generated PDF uses, shipped in assets/fonts (SIL OFL): nothing is downloaded. */
export const FONT_DIR = path.join(process.cwd(), 'assets', 'fonts');
export const SANS = 'Inter';
export const MONO = 'JetBrains Mono';

let registered = false;

/** Registers the shipped fonts with @react-pdf/renderer once per process. */
export function registerPdfFonts() {
  if (registered) return;
  Font.register({
    family: SANS,
    fonts: [
      { src: path.join(FONT_DIR, 'Inter-Regular.ttf') },
      { src: path.join(FONT_DIR, 'Inter-Italic.ttf'), fontStyle: 'italic' },
      { src: path.join(FONT_DIR, 'Inter-SemiBold.ttf'), fontWeight: 600 },
      { src: path.join(FONT_DIR, 'Inter-Bold.ttf'), fontWeight: 700 },
    ],
  });
  Font.register({ family: MONO, src: path.join(FONT_DIR, 'JetBrainsMono-Regular.ttf') });
  // Words are never hyphenated: e-mail addresses, ids and legal terms must read as written.
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}
