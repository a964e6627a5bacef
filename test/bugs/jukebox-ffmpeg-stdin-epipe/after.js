// Reduced from alexwohlbruck/jukebox src/index.js at 42ed663 (license not stated in the repository; a few lines quoted as a test fixture).
import { spawn } from 'node:child_process';
import express from 'express';

const YTDLP_BIN = process.env.YTDLP_BIN || 'yt-dlp';

function streamAsMp3({ artist, track }, response) {
  const search = `ytsearch1:${artist} ${track}`;
  const downloader = spawn(YTDLP_BIN, ['--no-playlist', '--format', 'bestaudio/best', '--output', '-', search], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const encoder = spawn('ffmpeg', ['-hide_banner', '-i', 'pipe:0', '-vn', '-codec:a', 'libmp3lame', '-f', 'mp3', 'pipe:1'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  downloader.stdout.pipe(encoder.stdin);

  let errorOutput = '';
  const collectError = (chunk) => { errorOutput = `${errorOutput}${chunk}`.slice(-2000); };
  downloader.stderr.on('data', collectError);
  encoder.stderr.on('data', collectError);
  let stopped = false;
  const stop = () => {
    stopped = true;
    downloader.kill('SIGTERM');
    encoder.kill('SIGTERM');
  };
  const onStreamError = (error) => {
    if (stopped || error.code === 'EPIPE' || error.code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    fail(error.message);
  };
  downloader.stdout.on('error', onStreamError);
  encoder.stdin.on('error', onStreamError);
  encoder.stdout.on('error', onStreamError);
  response.on('error', stop);
  response.on('close', stop);
  downloader.on('error', (error) => fail(error.message));
  encoder.on('error', (error) => fail(error.message));

  function fail(message) {
    stop();
    if (!response.headersSent) response.status(502).json({ error: 'Unable to prepare the requested audio stream.', detail: message });
  }

  response.status(200).set({ 'Content-Type': 'audio/mpeg' });
  encoder.stdout.pipe(response);
}

const app = express();
app.get('/stream', (request, response) => {
  streamAsMp3(request.query, response);
});
