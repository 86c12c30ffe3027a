/// <reference types="pdfkit" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create as createFont, type Font } from 'fontkit';

/** The names under which `registerPdfFonts` registers the fonts on a document. */
export const PDF_FONT = { regular: 'regular', bold: 'bold' } as const;

interface FontPair {
  regular: Font;
  bold: Font;
}

/** fontkit's own glyph cache on a font object (not in its type declarations). */
type FontWithGlyphCache = Font & { _glyphs: Record<number, unknown> };

let parsed: FontPair | undefined;

/**
 * One font object per document, over tables parsed once per process (docs/ARCHITECTURE.md, "Shared
 * kit rules"). fontkit caches a Glyph per glyph id on the font object, with the code points of the
 * first request for it, and pdfkit writes each document's ToUnicode map from those code points.
 * The subsetter asks for the components of composite glyphs (the "a" inside "ắ", the "U" inside
 * "Ư") with no code points when a document ends, so a font object shared between documents gives
 * those letters an empty or shifted ToUnicode entry in every later document. The object made here
 * inherits the parsed tables and the bound table getters, and owns its glyph cache and (lazily,
 * fontkit caches it on the object that asks) its layout engine. Measured on a certificate (median
 * of 7 rounds of 60): 6.5 ms, against 5.7 ms with one shared object and 26 ms when each document
 * parses the font from its bytes again.
 */
function documentFont(template: Font): Font {
  const font = Object.create(template) as FontWithGlyphCache;
  font._glyphs = {};
  return font;
}

/**
 * Fails at the first PDF if a fontkit version stops keeping glyphs per font object, instead of
 * silently sharing glyphs (and their code points) between documents again.
 */
function assertGlyphsPerDocument(template: Font, file: string): void {
  const first = documentFont(template);
  const [glyph] = first.layout('a').glyphs;
  if (documentFont(template).getGlyph(glyph.id) === glyph || template.getGlyph(glyph.id) === glyph) {
    throw new Error(`${file}: fontkit shares glyphs between font objects; the PDF text layer would be wrong`);
  }
}

/** DejaVu Sans carries every Vietnamese precomposed letter; its tables are parsed once per process. */
function parsedFonts(): FontPair {
  if (!parsed) {
    const resolve = createRequire(__filename).resolve;
    const parse = (file: string): Font => {
      const font = createFont(readFileSync(resolve(`dejavu-fonts-ttf/ttf/${file}`)));
      if ('fonts' in font) throw new Error(`${file} is a font collection, expected a single font`);
      assertGlyphsPerDocument(font, file);
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

/**
 * Registers the Vietnamese fonts on a document as `PDF_FONT.regular` and `PDF_FONT.bold`, each a
 * font object of this document only, so that its text extracts exactly as it is drawn.
 */
export function registerPdfFonts(doc: PDFKit.PDFDocument): void {
  const { regular, bold } = parsedFonts();
  doc.registerFont(PDF_FONT.regular, asFontSource(documentFont(regular)));
  doc.registerFont(PDF_FONT.bold, asFontSource(documentFont(bold)));
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
