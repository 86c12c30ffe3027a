/// <reference types="pdfkit" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create as createFont, type Font } from 'fontkit';

/** The names under which `registerPdfFonts` registers the fonts on a document. */
export const PDF_FONT = { regular: 'regular', bold: 'bold' } as const;

interface ParsedFonts {
  regular: Font;
  bold: Font;
}

let parsed: ParsedFonts | undefined;

/**
 * DejaVu Sans carries every Vietnamese precomposed letter, and a full TTF embeds with a ToUnicode
 * map, so the text stays extractable (pdftotext, pdf.js). Parsed once per process and shared by
 * every document (certificates, reports): handing pdfkit the parsed font instead of the file
 * saves most of the cost of a page (STACK.md: about 8 ms instead of 75).
 */
function parsedFonts(): ParsedFonts {
  if (!parsed) {
    const resolve = createRequire(__filename).resolve;
    const parse = (file: string): Font => {
      const font = createFont(readFileSync(resolve(`dejavu-fonts-ttf/ttf/${file}`)));
      if ('fonts' in font) throw new Error(`${file} is a font collection, expected a single font`);
      return font;
    };
    parsed = { regular: parse('DejaVuSans.ttf'), bold: parse('DejaVuSans-Bold.ttf') };
  }
  return parsed;
}

/** pdfkit accepts a parsed fontkit font (it checks for `layout`), which its type declarations omit. */
function asFontSource(font: Font): PDFKit.Mixins.PDFFontSource {
  return font as unknown as PDFKit.Mixins.PDFFontSource;
}

/** Registers the Vietnamese fonts on a document as `PDF_FONT.regular` and `PDF_FONT.bold`. */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  const { regular, bold } = parsedFonts();
  doc.registerFont(PDF_FONT.regular, asFontSource(regular));
  doc.registerFont(PDF_FONT.bold, asFontSource(bold));
}

/** The document's bytes once `doc.end()` has been called (call this before drawing). */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
