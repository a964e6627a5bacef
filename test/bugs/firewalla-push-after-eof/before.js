// Reduced from firewalla/firewalla sensor/FlowCompressionSensor.js before 1181c9629 (AGPL-3.0, Copyright 2021-2022 Firewalla Inc.).
const log = require('../net2/logger.js')(__filename)
const Sensor = require('./Sensor.js').Sensor
const zlib = require('zlib');
const delay = require('../util/util.js').delay;
const { Readable } = require('stream');

const SPLIT_STRING = "\n";

class FlowCompressionSensor extends Sensor {
  setupFlowsQueue(type, queueObj) {
    queueObj.process(async (job, done) => {
      try {
        if (job && job.data) { // raw flow string
          const flow = await this.raw2Flow(job.data);
          const streamObj = this.streamMap[type];
          while (this.dumpingMap[type] || !streamObj) {
            log.debug("deferred due to readableStream might be destoryed and re-create");
            await delay(3000)
          }
          streamObj.readableStream.push(JSON.stringify(flow) + SPLIT_STRING)
        }
      } catch (e) {
        log.info("process job error", e);
      } finally {
        done();
      }
    })
  }

  setupStreams(type) {
    const readableStream = new Readable({
      read() { }
    })
    const def = zlib.createDeflate();
    const zstream = readableStream.pipe(def);
    let chunks = [];
    const streamObj = {};
    streamObj.readableStream = readableStream;
    zstream.on('data', (chunk) => chunks.push(Buffer.from(chunk)));
    zstream.on('error', (err) => {
      log.error("Stream deflate error", err);
      chunks = [];
    });
    streamObj.streamToStringAsync = new Promise((resolve) => zstream.on('end', () => {
      resolve(Buffer.concat(chunks).toString('base64'))
    }))
    streamObj.destroyStreams = () => {
      readableStream.destroy();
      def.destroy();
      zstream.destroy();
    }
    this.streamMap[type] = streamObj;
  }

  async dumpStreamFlows(ts, type) {
    const streamObj = this.streamMap[type];
    while (this.dumpingMap[type] || !streamObj) {
      await delay(1000)
    }
    this.dumpingMap[type] = true;
    try {
      if (streamObj.readableStream) {
        streamObj.readableStream.push(null); // readable stream EOF
        const result = await streamObj.streamToStringAsync; // dump the result to the redis
        await this.appendAndSave(ts, result, type);
        streamObj.destroyStreams(); // destory and re-create
        this.setupStreams(type);
      }
    } catch (e) {
      log.info("DumpStreamFlows error", e)
    }
    this.dumpingMap[type] = false
  }
}

module.exports = FlowCompressionSensor;
