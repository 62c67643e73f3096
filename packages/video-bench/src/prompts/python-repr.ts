// Python's str.isprintable: not printable are categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs
// (except the ASCII space). Unicode-version differences between Python and Node's ICU accepted.
const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/** Python's `repr(str)`: quote choice and escapes exactly as CPython's `unicode_repr`. */
export function pythonStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x7f) out += ch;
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      if (cp <= 0xff) out += '\\x' + hex(cp, 2);
      else if (cp <= 0xffff) out += '\\u' + hex(cp, 4);
      else out += '\\U' + hex(cp, 8);
    } else out += ch;
  }
  return out + quote;
}

/**
 * Python's `repr(list_of_str)` (`str(list)`), byte for byte: `[` + element reprs joined by
 * `, ` + `]`. The MMR-V reference formats its options list straight into the prompt, so this
 * is what the model sees (spec §3.2).
 */
export function pythonListRepr(items: readonly string[]): string {
  return '[' + items.map(pythonStrRepr).join(', ') + ']';
}
