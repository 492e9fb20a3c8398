import { fileNameFromContentDisposition, safeFileName } from './content-disposition';

describe('the file name in Content-Disposition', () => {
  it('reads a quoted filename', () => {
    expect(fileNameFromContentDisposition('attachment; filename="action-plan.pdf"')).toBe('action-plan.pdf');
  });

  it('reads a token filename and any case of the parameter name', () => {
    expect(fileNameFromContentDisposition('attachment; FileName=plan.docx')).toBe('plan.docx');
  });

  it('prefers filename* (RFC 5987) over filename, wherever it comes', () => {
    const header =
      "attachment; filename*=UTF-8''Progress%20update%20%E2%80%93%20November%202022.pdf; filename=\"Progress update - November 2022.pdf\"";
    expect(fileNameFromContentDisposition(header)).toBe('Progress update – November 2022.pdf');
    expect(
      fileNameFromContentDisposition("attachment; filename=\"plain.pdf\"; filename*=utf-8'en'%C2%A3%20rates.pdf"),
    ).toBe('£ rates.pdf');
  });

  it('reads an ISO-8859-1 filename*', () => {
    expect(fileNameFromContentDisposition("attachment; filename*=ISO-8859-1''caf%E9.csv")).toBe('café.csv');
  });

  it('falls back to filename when filename* cannot be decoded', () => {
    expect(fileNameFromContentDisposition("attachment; filename*=UTF-8''%E2%28; filename=\"fallback.csv\"")).toBe(
      'fallback.csv',
    );
  });

  it('keeps semicolons and escaped quotes inside a quoted name', () => {
    expect(fileNameFromContentDisposition('attachment; filename="Plan; \\"final\\".xlsx"')).toBe('Plan; "final".xlsx');
  });

  it('drops folders from the name', () => {
    expect(fileNameFromContentDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(safeFileName('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
  });

  it('is null when there is no name', () => {
    expect(fileNameFromContentDisposition(null)).toBeNull();
    expect(fileNameFromContentDisposition('attachment')).toBeNull();
    expect(fileNameFromContentDisposition('inline; filename=""')).toBeNull();
  });
});
