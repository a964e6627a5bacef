// Mirrors a release tarball from the upstream server into the local cache. The copy's promise is
// left floating: when the upstream connection drops mid-body, pipeTo() rejects and nobody catches
// it, so the whole cache server exits on an unhandled rejection.
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';

export async function mirror(url, path) {
  const response = await fetch(url);
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`upstream answered ${response.status}`);
  }
  const file = await open(path, 'w');
  response.body.pipeTo(Writable.toWeb(file.createWriteStream()));
  return path;
}
