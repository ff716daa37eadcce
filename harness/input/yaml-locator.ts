import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import type { Locate } from "./input-error.js";

type Range = readonly [number, number, number];

function rangeOf(node: unknown): Range | undefined {
  const range = (node as { range?: Range | null } | null)?.range;
  return range ?? undefined;
}

/**
 * A {@link Locate} over a YAML document parsed with a `LineCounter`: the deepest node of the path that exists (a
 * missing key points at its parent), or the key itself for an unknown key. Aliases are followed.
 */
export function yamlLocator(document: Document, lineCounter: LineCounter): Locate {
  return (path, key) => {
    let node: unknown = document.contents;
    let best: Range | undefined = rangeOf(node);
    const step = (segment: string | number): boolean => {
      if (isAlias(node)) node = node.resolve(document);
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (pair === undefined) return false;
        best = rangeOf(pair.value) ?? rangeOf(pair.key) ?? best;
        node = pair.value;
        return true;
      }
      if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (item === undefined) return false;
        best = rangeOf(item) ?? best;
        node = item;
        return true;
      }
      return false;
    };
    let complete = true;
    for (const segment of path) {
      if (!step(segment)) {
        complete = false;
        break;
      }
    }
    if (complete && key !== undefined) {
      if (isAlias(node)) node = node.resolve(document);
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key);
        best = rangeOf(pair?.key) ?? best;
      }
    }
    if (best === undefined) return undefined;
    const position = lineCounter.linePos(best[0]);
    return { line: position.line, column: position.col };
  };
}
