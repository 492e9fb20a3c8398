import { safeReturnPath } from './safe-path';

describe('the path to return to after signing in', () => {
  it('keeps paths inside the app', () => {
    expect(safeReturnPath('/reviews?status=monitoring')).toBe('/reviews?status=monitoring');
  });

  it('refuses other sites and loops', () => {
    expect(safeReturnPath('https://evil.example')).toBe('/');
    expect(safeReturnPath('//evil.example')).toBe('/');
    expect(safeReturnPath('/\\evil.example')).toBe('/');
    expect(safeReturnPath('/reviews\\..\\/evil.example')).toBe('/');
    expect(safeReturnPath('/sign-in?next=/x')).toBe('/');
    expect(safeReturnPath('/signin/sso#code=x')).toBe('/');
    expect(safeReturnPath(null)).toBe('/');
  });
});
