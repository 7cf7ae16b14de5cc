import { describe, expect, it } from 'vitest';
import { appAddress } from './app-handoff';

const at = (pathname: string, search = '', hash = '') => appAddress({ pathname, search, hash });

describe('appAddress', () => {
  it('sends any spelling of an APP address to the APP’s own page', () => {
    expect(at('/app')).toBe('/app/');
    expect(at('/App')).toBe('/app/');
    expect(at('/APP/profile', '?x=1', '#top')).toBe('/app/profile?x=1#top');
    expect(at('/App/m/alerts')).toBe('/app/m/alerts');
  });

  it('leaves the console’s own addresses alone', () => {
    expect(at('/')).toBeNull();
    expect(at('/login')).toBeNull();
    expect(at('/apps')).toBeNull();
    expect(at('/application/x')).toBeNull();
    expect(at('/m/app')).toBeNull();
  });
});
