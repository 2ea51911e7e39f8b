import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';

/**
 * Keyv's value format, written and read at the speed of V8's own JSON.
 *
 * Stored values must stay readable by every version during a rolling update, so the text is
 * exactly what `@keyv/serialize` writes: JSON, except that a string value starting with ":" gets
 * one more ":" in front and a Buffer becomes ":base64:…". Its writer is a recursive string builder
 * and its reader runs a reviver on every value, about three times slower than plain
 * `JSON.stringify`/`JSON.parse` on the health log's day record. Both only differ from plain JSON
 * when a string value starts with ":" (or a Buffer is stored), so the fast path is taken when the
 * text shows no such value and the library's own functions handle the rest.
 */

/**
 * A string value starting with ":" in JSON text: its opening quote follows `[`, `,` or `:`
 * (or starts the text), then the colon. A quote inside a string is always escaped (`\"`), so this
 * never misses one; it may also match a key starting with ":", which only costs the slow path.
 */
const COLON_STRING_VALUE = /(?:^|[[,:])\s*":/;
const BUFFER_JSON = '"type":"Buffer"';

export function serialize(data: unknown): string {
  if (data === null || typeof data !== 'object') return defaultSerialize(data);
  const json = JSON.stringify(data);
  if (COLON_STRING_VALUE.test(json) || json.includes(BUFFER_JSON)) return defaultSerialize(data);
  return json;
}

export function deserialize<T>(text: string): T {
  return (COLON_STRING_VALUE.test(text) ? defaultDeserialize(text) : JSON.parse(text)) as T;
}

/** The Keyv options every store view is built with. */
export const KEYV_SERIALIZATION = { serialize, deserialize } as const;
