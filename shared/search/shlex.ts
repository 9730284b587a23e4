/**
 * Python's `shlex.split(s)` (POSIX mode, no comments), which MLflow applies to order_by
 * strings that carry a direction. Returns null where Python raises ("No closing quotation").
 */
export function shlexSplit(s: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (ch === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) return null;
      word = (word ?? '') + s.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let part = '';
      while (j < s.length && s[j] !== '"') {
        if (s[j] === '\\' && j + 1 < s.length && '\\"$`\n'.includes(s[j + 1] as string)) j++;
        part += s[j];
        j++;
      }
      if (j >= s.length) return null;
      word = (word ?? '') + part;
      i = j + 1;
    } else if (ch === '\\') {
      if (i + 1 >= s.length) return null;
      word = (word ?? '') + s[i + 1];
      i += 2;
    } else {
      word = (word ?? '') + ch;
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
