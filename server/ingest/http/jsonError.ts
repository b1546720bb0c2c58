/**
 * Where a JSON text first goes wrong. JSON.parse in Node 20 does not always say, and a sender
 * with a 5 MB array needs a line and column, so this re-scans the text only after a failure.
 */
export function locateJsonError(text: string): { offset: number; expected: string } {
  let i = 0;
  const stack: ("array" | "object")[] = [];
  const fail = (expected: string) => ({ offset: i, expected });
  const skipWs = () => {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
  };
  const scanString = (): boolean => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        return true;
      }
      if (ch < 0x20) return false;
      if (ch === 0x5c) {
        const next = text.charAt(i + 1);
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== "") i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  const scanScalar = (): boolean => {
    const rest = text.slice(i, i + 5);
    for (const word of ["true", "false", "null"]) {
      if (rest.startsWith(word)) {
        i += word.length;
        return true;
      }
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!number) return false;
    i += number[0].length;
    return true;
  };
  // Iterative so a deeply nested body cannot overflow the stack.
  let expectValue = true;
  skipWs();
  for (;;) {
    if (expectValue) {
      skipWs();
      const ch = text.charAt(i);
      if (ch === "[" || ch === "{") {
        stack.push(ch === "[" ? "array" : "object");
        i++;
        skipWs();
        const close = ch === "[" ? "]" : "}";
        if (text.charAt(i) === close) {
          stack.pop();
          i++;
          expectValue = false;
          continue;
        }
        if (ch === "{") {
          if (text.charAt(i) !== '"') return fail("a property name in double quotes");
          if (!scanString()) return fail("a well-formed string");
          skipWs();
          if (text.charAt(i) !== ":") return fail("':' after the property name");
          i++;
        }
        continue;
      }
      if (ch === '"') {
        if (!scanString()) return fail("a well-formed string");
      } else if (!scanScalar()) return fail("a JSON value");
      expectValue = false;
      continue;
    }
    skipWs();
    const top = stack.at(-1);
    if (!top) return i < text.length ? fail("the end of the body") : { offset: -1, expected: "" };
    const ch = text.charAt(i);
    if (ch === ",") {
      i++;
      if (top === "object") {
        skipWs();
        if (text.charAt(i) !== '"') return fail("a property name in double quotes");
        if (!scanString()) return fail("a well-formed string");
        skipWs();
        if (text.charAt(i) !== ":") return fail("':' after the property name");
        i++;
      }
      expectValue = true;
      continue;
    }
    if ((top === "array" && ch === "]") || (top === "object" && ch === "}")) {
      stack.pop();
      i++;
      continue;
    }
    return fail(top === "array" ? "',' or ']'" : "',' or '}'");
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf("\n"); k !== -1 && k < offset; k = text.indexOf("\n", k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
