// Reduced from remix-run/remix-website app/lib/conf2023.server.ts at 1da530e0 (MIT).
import { LRUCache } from "lru-cache";
import type { Speaker } from "./conf2023.types";

const SESSIONIZE_ENDPOINT = "https://sessionize.com/api/v2/s8ds2hnu";
const SPEAKERS_CACHE_KEY = "speakers";
const NO_CACHE = false;
let cache = new LRUCache<string, unknown>({ max: 250 });

declare function fetchNoCache(url: string, init?: RequestInit): Promise<Response>;
declare function fetchNaiveStaleWhileRevalidate(url: string, init?: RequestInit): Promise<Response>;

export async function getSpeakers(
  opts: { noCache?: boolean } = {},
): Promise<Speaker[]> {
  let { noCache = NO_CACHE ?? false } = opts;
  if (!noCache) {
    let cached = cache.get(SPEAKERS_CACHE_KEY);
    if (cached) {
      return cached as Speaker[];
    }
  }

  let fetch = noCache ? fetchNoCache : fetchNaiveStaleWhileRevalidate;
  let fetched = await fetch(`${SESSIONIZE_ENDPOINT}/view/Speakers`, {
    method: "GET",
    headers: {
      "Content-Type": "application/json",
    },
  });
  if (!fetched.ok) {
    // Need to consume for undici since it won't garbage collect
    await fetched.text();
    throw new Error(
      "Error fetching speakers, responded with status: " + fetched.status,
    );
  }
  let json: unknown = await fetched.json();
  if (!json || !Array.isArray(json)) {
    throw new Error(
      "Error fetching speakers. Expected an array, received:\n\n" + json,
    );
  }
  let speakers = json as Speaker[];
  cache.set(SPEAKERS_CACHE_KEY, speakers);
  return speakers;
}
