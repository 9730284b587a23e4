/** Splits a list into pieces of at most `size` (SQLite caps bound variables per statement). */
export function* chunks<T>(list: T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}
