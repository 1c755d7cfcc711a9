import { dirname, join } from 'node:path';
import type PDFKitModule from 'pdfkit';
import type QRCodeModule from 'qrcode';
import { placeName, RESULT_VI, SEX_VI, TEST_KIND_VI, vnDate, vnLongDate } from './certificate-text';

// pdfkit and qrcode take some 30 MB of memory once loaded, and only certificates need them: they are
// loaded at the first certificate (require keeps them afterwards), not with every process.
/* eslint-disable @typescript-eslint/no-require-imports */
const pdfkit = (): typeof PDFKitModule => require('pdfkit');
const qrcode = (): typeof QRCodeModule => require('qrcode');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Everything printed on one certificate. */
export interface CertificateData {
  number: string;
  fullName: string;
  birthYear: number | null;
  sex: string;
  idNumber: string | null;
  address: string | null;
  facilityName: string;
  facilityAddress: string | null;
  /** The admin unit of the facility, for "Mỹ Xuyên, ngày … tháng … năm …". */
  placeUnitName: string;
  fromDay: string;
  toDay: string;
  tests: { sampledOn: string; kind: string; result: string }[];
  homeMonitoringUntil: string | null;
  postReleaseTestDays: number[];
  issuedOn: string;
  issuerName: string;
  verificationUrl: string;
}

// A Unicode TrueType font that covers Vietnamese, embedded (subset) in the PDF so the text extracts as written.
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONTS = {
  regular: join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  italic: join(FONT_DIR, 'DejaVuSans-Oblique.ttf'),
};

const MARGIN = 56;
const A4_WIDTH = 595.28;
const WIDTH = A4_WIDTH - 2 * MARGIN;

/** One A4 page per certificate, in one PDF. */
export async function renderCertificates(certificates: CertificateData[], title: string): Promise<Buffer> {
  const qrCodes = await Promise.all(
    certificates.map((c) => qrcode().toBuffer(c.verificationUrl, { errorCorrectionLevel: 'M', margin: 1, width: 220 })),
  );
  const PDFDocument = pdfkit();
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, autoFirstPage: false, info: { Title: title, Creator: 'Cachly' } });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('italic', FONTS.italic);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (certificates.length === 0) {
    doc.addPage();
    doc.font('regular').fontSize(12).text(title, { align: 'center' });
    doc.moveDown().text('Không có giấy xác nhận nào được cấp trong ngày này.', { align: 'center' });
  }
  certificates.forEach((c, i) => page(doc, c, qrCodes[i]));
  doc.end();
  return done;
}

function page(doc: PDFKit.PDFDocument, c: CertificateData, qr: Buffer): void {
  doc.addPage();
  const top = MARGIN;
  const half = WIDTH / 2;

  // The heading of a Vietnamese administrative document: the issuing body on the left, the national
  // motto on the right, the number under the body, place and date under the motto.
  doc.font('regular').fontSize(10).text('BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH COVID-19', MARGIN - 10, top, { width: half, align: 'center' });
  doc.font('bold').fontSize(10).text(c.facilityName.toLocaleUpperCase('vi'), { width: half, align: 'center' });
  const leftBottom = doc.y;
  doc.font('bold').fontSize(10).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', MARGIN + half - 10, top, { width: half + 20, align: 'center' });
  doc.font('bold').fontSize(11).text('Độc lập - Tự do - Hạnh phúc', { width: half + 20, align: 'center', underline: true });
  const rightBottom = doc.y;

  const lineY = Math.max(leftBottom, rightBottom) + 8;
  doc.font('regular').fontSize(10).text(`Số: ${c.number}`, MARGIN - 10, lineY, { width: half, align: 'center' });
  doc
    .font('italic')
    .fontSize(10)
    .text(`${placeName(c.placeUnitName)}, ${vnLongDate(c.issuedOn)}`, MARGIN + half - 10, lineY, { width: half + 20, align: 'center' });

  doc.moveDown(2.2);
  doc.font('bold').fontSize(15).text('GIẤY XÁC NHẬN', MARGIN, doc.y, { width: WIDTH, align: 'center' });
  doc.font('bold').fontSize(13).text('HOÀN THÀNH CÁCH LY Y TẾ TẬP TRUNG', { width: WIDTH, align: 'center' });
  doc.moveDown(1.2);

  const body = (label: string, value: string) => {
    doc.font('regular').fontSize(11).text(label, MARGIN, doc.y, { continued: true, width: WIDTH });
    doc.font('bold').text(value, { width: WIDTH });
    doc.moveDown(0.25);
  };
  doc.font('regular').fontSize(11).text(`Ban Quản lý ${c.facilityName} xác nhận:`, MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.5);
  body('Ông/Bà: ', c.fullName.toLocaleUpperCase('vi'));
  body('Năm sinh: ', String(c.birthYear ?? '—'));
  body('Giới tính: ', SEX_VI[c.sex] ?? c.sex);
  body('Số CCCD/CMND/Hộ chiếu: ', c.idNumber ?? '—');
  body('Địa chỉ nơi cư trú: ', c.address ?? '—');
  body('Đã hoàn thành cách ly y tế tập trung tại: ', c.facilityName + (c.facilityAddress ? ` (${c.facilityAddress})` : ''));
  body('Thời gian cách ly: ', `từ ngày ${vnDate(c.fromDay)} đến ngày ${vnDate(c.toDay)}`);

  doc.moveDown(0.3);
  doc.font('regular').fontSize(11).text('Kết quả xét nghiệm SARS-CoV-2 trong thời gian cách ly:', MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.4);
  table(doc, c.tests);

  doc.moveDown(0.8);
  const tests =
    c.postReleaseTestDays.length > 0 ? `, xét nghiệm lại vào ngày thứ ${c.postReleaseTestDays.join(', ')} sau khi hoàn thành cách ly` : '';
  const until = c.homeMonitoringUntil ? ` đến hết ngày ${vnDate(c.homeMonitoringUntil)}` : '';
  doc
    .font('regular')
    .fontSize(11)
    .text(
      `Đề nghị Ông/Bà tiếp tục tự theo dõi sức khỏe tại nơi cư trú${until}${tests}, ` +
        'thực hiện nghiêm thông điệp 5K; khi có dấu hiệu sốt, ho, khó thở phải báo ngay ' +
        'cho trạm y tế xã, phường, thị trấn nơi cư trú.',
      MARGIN,
      doc.y,
      { width: WIDTH, align: 'justify' },
    );
  doc.moveDown(0.4);
  doc.text('Giấy xác nhận này để Ông/Bà xuất trình với chính quyền địa phương nơi cư trú và nơi làm việc.', { width: WIDTH, align: 'justify' });

  // Signature on the right, the QR code on the left, side by side.
  const blockY = Math.min(doc.y + 20, 842 - MARGIN - 170);
  doc.image(qr, MARGIN, blockY, { width: 110 });
  doc.font('italic').fontSize(8).text('Quét mã QR để kiểm tra giấy xác nhận', MARGIN, blockY + 114, { width: 200 });
  const signX = MARGIN + half;
  doc.font('bold').fontSize(11).text('TRƯỞNG BAN QUẢN LÝ KHU CÁCH LY', signX - 20, blockY, { width: half + 20, align: 'center' });
  doc.font('italic').fontSize(9).text('(Ký, ghi rõ họ tên và đóng dấu)', { width: half + 20, align: 'center' });
  doc.font('bold').fontSize(11).text(c.issuerName, signX - 20, blockY + 110, { width: half + 20, align: 'center' });
  // The address behind the QR code, for whoever has no scanner.
  doc.font('regular').fontSize(7).text(c.verificationUrl, MARGIN, blockY + 140, { width: WIDTH, lineBreak: false });
}

function table(doc: PDFKit.PDFDocument, tests: CertificateData['tests']): void {
  const columns = [
    { title: 'Lần', width: 40 },
    { title: 'Ngày lấy mẫu', width: 110 },
    { title: 'Loại xét nghiệm', width: 190 },
    { title: 'Kết quả', width: WIDTH - 340 },
  ];
  const rowHeight = 20;
  const row = (cells: string[], font: string) => {
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.rect(x, y, columns[i].width, rowHeight).stroke();
      doc.font(font).fontSize(10).text(cell, x + 4, y + 5, { width: columns[i].width - 8, align: 'center', lineBreak: false });
      x += columns[i].width;
    });
    doc.x = MARGIN;
    doc.y = y + rowHeight;
  };
  doc.lineWidth(0.6);
  row(columns.map((c) => c.title), 'bold');
  if (tests.length === 0) row(['—', '—', '—', '—'], 'regular');
  tests.forEach((t, i) => row([String(i + 1), vnDate(t.sampledOn), TEST_KIND_VI[t.kind] ?? t.kind, RESULT_VI[t.result] ?? t.result], 'regular'));
}
