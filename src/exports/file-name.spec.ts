import { asciiFallback, contentDisposition, encodeRfc5987 } from './file-name';

describe('download file names', () => {
  it('keeps Vietnamese letters in filename* and drops their marks in the ASCII fallback', () => {
    const header = contentDisposition('Danh sách lượt cách ly - Đồng Nai.csv');
    expect(header).toBe(
      `attachment; filename="Danh sach luot cach ly - Dong Nai.csv"; ` +
        `filename*=UTF-8''Danh%20s%C3%A1ch%20l%C6%B0%E1%BB%A3t%20c%C3%A1ch%20ly%20-%20%C4%90%E1%BB%93ng%20Nai.csv`,
    );
    expect(decodeURIComponent(header.split("UTF-8''")[1])).toBe('Danh sách lượt cách ly - Đồng Nai.csv');
  });

  it('cannot break out of the quoted fallback', () => {
    expect(asciiFallback('a"b\\c\n.csv')).toBe('a_b_c_.csv');
  });

  it("encodes the characters RFC 5987 leaves out of attr-char", () => {
    expect(encodeRfc5987("it's (1)*")).toBe('it%27s%20%281%29%2A');
  });
});
