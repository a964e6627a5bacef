// Refreshes a weather cache from an upstream API every minute. When the upstream answers with an
// error page, the refresh gives up without reading or cancelling the body: undici keeps each such
// connection until the response is garbage-collected, and an outage drains the connection pool.
const cache = new Map();

export async function refresh(city) {
  const response = await fetch(`https://weather.example.com/v1/${encodeURIComponent(city)}`);
  if (!response.ok) {
    console.warn(`weather for ${city}: HTTP ${response.status}`);
    return cache.get(city);
  }
  const forecast = await response.json();
  cache.set(city, forecast);
  return forecast;
}
