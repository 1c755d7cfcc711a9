import { digitsOnly, searchText } from './search-text';

describe('searchText', () => {
  it('removes Vietnamese diacritics and case', () => {
    expect(searchText('Nguyễn Văn A')).toBe('nguyen van a');
    expect(searchText('Trần Thị Ánh Tuyết')).toBe('tran thi anh tuyet');
    expect(searchText('ĐẶNG  Đức   Độ')).toBe('dang duc do');
  });

  it('leaves plain text alone', () => {
    expect(searchText('le van b')).toBe('le van b');
  });
});

describe('digitsOnly', () => {
  it('keeps the digits of a phone number', () => {
    expect(digitsOnly('0912.345 678')).toBe('0912345678');
  });
});
