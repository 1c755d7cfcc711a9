import { initials, placeName, vnDate, vnLongDate } from './certificate-text';

describe('certificate text', () => {
  it('writes initials family name first, keeping diacritics', () => {
    expect(initials('Nguyễn Văn An')).toBe('N. V. A.');
    expect(initials('  đặng thị   ánh ')).toBe('Đ. T. Á.');
    expect(initials('Lâm Thị Hồng Nhung')).toBe('L. T. H. N.');
  });

  it('writes dates the Vietnamese way', () => {
    expect(vnDate('2021-08-05')).toBe('05/08/2021');
    expect(vnLongDate('2021-08-05')).toBe('ngày 05 tháng 08 năm 2021');
  });

  it('names a place without its level', () => {
    expect(placeName('Huyện Mỹ Xuyên')).toBe('Mỹ Xuyên');
    expect(placeName('Thành phố Sóc Trăng')).toBe('Sóc Trăng');
    expect(placeName('Tỉnh Sóc Trăng')).toBe('Sóc Trăng');
  });
});
