/** What a stream can do, the one fact every stream question starts from. */
export type StreamKind = 'readable' | 'writable' | 'duplex';

export function isReadableKind(kind: StreamKind | null): boolean {
  return kind === 'readable' || kind === 'duplex';
}

export function isWritableKind(kind: StreamKind | null): boolean {
  return kind === 'writable' || kind === 'duplex';
}
