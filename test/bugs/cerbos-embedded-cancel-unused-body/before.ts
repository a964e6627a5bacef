// Reduced from cerbos/cerbos-sdk-javascript packages/embedded/src/bundle.ts before 11430b5f (Apache-2.0).
type Exports = WebAssembly.Exports;

export async function download(
  url: string | URL,
  request?: RequestInit,
): Promise<Response> {
  try {
    return await fetch(url, request);
  } catch (error) {
    const message = `Failed to download from ${url.toString()}`;
    throw new Error(
      error instanceof Error ? `${message}: ${error.message}` : message,
      { cause: error },
    );
  }
}

async function instantiate(
  source: ArrayBufferView | ArrayBuffer | Response,
  imports: WebAssembly.Imports,
): Promise<Exports> {
  if (source instanceof Response) {
    return await instantiateStreaming(source, imports);
  }

  return instantiated(await WebAssembly.instantiate(source, imports));
}

async function instantiateStreaming(
  response: Response,
  imports: WebAssembly.Imports,
): Promise<Exports> {
  if (!response.ok) {
    throw new Error(
      `Failed to download from ${response.url}: HTTP ${response.status}`,
    );
  }

  return instantiated(
    await WebAssembly.instantiateStreaming(response, imports),
  );
}

function instantiated({
  instance: { exports },
}: WebAssembly.WebAssemblyInstantiatedSource): Exports {
  return exports;
}
