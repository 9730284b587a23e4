const ADJECTIVES = ['able', 'bold', 'brave', 'bright', 'calm', 'clever', 'crisp', 'dapper', 'eager', 'fair', 'gentle', 'glad', 'grand', 'happy', 'honest', 'keen', 'kind', 'lucky', 'merry', 'neat', 'noble', 'proud', 'quick', 'quiet', 'rare', 'sharp', 'shy', 'silent', 'smart', 'swift', 'tidy', 'warm', 'wise', 'witty', 'zesty'];
const NOUNS = ['ant', 'bass', 'bear', 'bee', 'cat', 'colt', 'crab', 'crow', 'deer', 'dove', 'duck', 'eel', 'elk', 'finch', 'fish', 'fox', 'frog', 'goat', 'hare', 'hawk', 'jay', 'lark', 'lynx', 'mole', 'moth', 'newt', 'owl', 'ram', 'seal', 'slug', 'swan', 'toad', 'vole', 'wolf', 'wren'];

/** A random `adjective-noun-NNN` name, as MLflow gives runs and logged models that have none. */
export function randomName(random: () => number = Math.random): string {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${Math.floor(random() * 1000)}`;
}
