import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { ServiceUnavailable } from '../../errors';

/**
 * 文书 as PDF (pdfkit) with a CJK font from the Debian package fonts-noto-cjk (installed by
 * scripts/setup.mjs; nothing is downloaded at run time). pdfkit embeds only the glyphs used (subset), so a
 * one-page notice stays small. Serif (宋体-like) is the customary face for official documents.
 */
const FONT_DIR = '/usr/share/fonts/opentype/noto';
const FONTS = {
  regular: [
    { file: `${FONT_DIR}/NotoSerifCJK-Regular.ttc`, name: 'NotoSerifCJKsc-Regular' },
    { file: `${FONT_DIR}/NotoSansCJK-Regular.ttc`, name: 'NotoSansCJKsc-Regular' },
  ],
  bold: [
    { file: `${FONT_DIR}/NotoSerifCJK-Bold.ttc`, name: 'NotoSerifCJKsc-Bold' },
    { file: `${FONT_DIR}/NotoSansCJK-Bold.ttc`, name: 'NotoSansCJKsc-Bold' },
  ],
};

function pick(list: { file: string; name: string }[]) {
  const found = list.find((f) => existsSync(f.file));
  if (!found) throw new ServiceUnavailable('服务器缺少中文字体（fonts-noto-cjk），暂时无法生成PDF');
  return found;
}

export interface PrintableDocument {
  title: string;
  number: string;
  paragraphs: string[];
  signature: { unit: string; date: string };
  caseNumber: string;
}

export function renderPdf(d: PrintableDocument): Promise<Buffer> {
  const regular = pick(FONTS.regular);
  const bold = pick(FONTS.bold);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 96, bottom: 80, left: 80, right: 80 },
      info: { Title: d.title, Subject: d.caseNumber, Creator: '信访事项办理系统' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', regular.file, regular.name);
    doc.registerFont('cjk-bold', bold.file, bold.name);
    doc.font('cjk-bold').fontSize(22).text(d.title, { align: 'center' });
    doc.moveDown(0.6);
    doc.font('cjk').fontSize(12).text(d.number, { align: 'center' });
    doc.moveDown(1.2);
    doc.fontSize(14);
    for (const [i, p] of d.paragraphs.entries()) {
      // The addressee line is flush left; body paragraphs are indented two characters.
      doc.text(p, { align: 'justify', indent: i === 0 ? 0 : 28, lineGap: 6 });
      doc.moveDown(0.4);
    }
    doc.moveDown(2);
    doc.text(d.signature.unit, { align: 'right' });
    doc.text(d.signature.date, { align: 'right' });
    doc.moveDown(2);
    doc.fontSize(9).fillColor('#555555').text(`事项编号：${d.caseNumber}`, { align: 'left' });
    doc.end();
  });
}
