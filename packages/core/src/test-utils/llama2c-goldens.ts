// Test-only: tokenizer goldens of spec core §9.4 (bos = true), shared by tokenizer tests.
export const TOKENIZER_GOLDENS: ReadonlyArray<readonly [string, readonly number[]]> = [
  ['', [1]],
  ['Once upon a time', [1, 403, 407, 261, 378]],
  ["Lily's mom", [1, 317, 439, 419, 357]],
  ['Hello, world!', [1, 346, 306, 414, 432, 263, 304, 341, 443]],
  ['é', [1, 410, 485]],
  ['\n', [1, 410, 13]],
  ['naïve café 🙂', [1, 297, 412, 198, 178, 360, 280, 412, 431, 485, 410, 243, 162, 156, 133]],
];

/** Stories-like text with punctuation, newlines, digits and non-ASCII, for round-trip tests. */
export const STORY_TEXT =
  'Once upon a time, there was a little girl named Lily. She loved to play outside in the park.\n\n' +
  'One day, she saw a big, red ball — "Wow!" she said. Tom\'s dog ran 123 miles… naïve über café 🙂🙃 中文.';
