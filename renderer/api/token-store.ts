const TOKEN_KEY = 'sextant.uiToken';

export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Browser mode's launch token in the origin's localStorage (shared by the tabs of one browser;
 * other origins cannot read it). `clearIf` forgets it only while it is still the one a caller
 * used, so a tab left over from an old launch cannot sign out a tab of the current one.
 */
export function createTokenStore(storage: TokenStorage) {
  return {
    get: (): string => storage.getItem(TOKEN_KEY) ?? '',
    set: (token: string): void => storage.setItem(TOKEN_KEY, token),
    clearIf(token: string): void {
      if (token && storage.getItem(TOKEN_KEY) === token) storage.removeItem(TOKEN_KEY);
    },
  };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
