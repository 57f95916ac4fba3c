/**
 * The storyboard's fonts: text cut into Latin and CJK runs, each set in its own font, and the
 * built-in Helvetica when the font files are missing.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { registerStoryboardFonts, storyboardFontFiles, textRuns } from '../../../server/exports/pdf-fonts.ts';

describe('textRuns', () => {
  it('cuts mixed text into Latin and CJK runs, spaces staying with the run before them', () => {
    expect(textRuns('Yuki: おはよう、船は? OK 你好')).toEqual([
      { cjk: false, text: 'Yuki: ' },
      { cjk: true, text: 'おはよう、船は' },
      { cjk: false, text: '? OK ' },
      { cjk: true, text: '你好' },
    ]);
    expect(textRuns('한국어 text')).toEqual([
      { cjk: true, text: '한국어 ' },
      { cjk: false, text: 'text' },
    ]);
    expect(textRuns('')).toEqual([]);
  });
});

describe('registerStoryboardFonts', () => {
  it('registers DejaVu Sans and a face of the Noto Sans CJK collection', () => {
    const registered: [string, string | undefined][] = [];
    const fonts = registerStoryboardFonts({ registerFont: (name: string, _src?: Buffer, family?: string) => registered.push([name, family]) }, storyboardFontFiles({}));
    expect(fonts).toEqual({ latin: 'latin', cjk: 'cjk' });
    expect(registered).toEqual([
      ['latin', undefined],
      ['cjk', 'NotoSansCJKjp-Regular'],
    ]);
  });

  it('falls back to the built-in Helvetica for everything when the font files are missing, and the PDF still writes', async () => {
    const doc = new PDFDocument();
    const fonts = registerStoryboardFonts(doc, { latin: '/nonexistent/latin.ttf', cjk: '/nonexistent/cjk.ttc', cjkFace: 'none' });
    expect(fonts).toEqual({ latin: 'Helvetica', cjk: 'Helvetica' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.font(fonts.latin).text('Scene 1 · Shot 2');
    doc.end();
    await ended;
    expect(Buffer.concat(chunks).toString('latin1')).toContain('/BaseFont /Helvetica');
  });
});
