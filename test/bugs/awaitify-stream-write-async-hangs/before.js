// Reduced from hashtagchris/node-awaitify-stream lib/awaitify-stream.js before 45b5c04 (MIT).
'use strict';

function addWriterFunctions(writeStream, obj) {
    if (!writeStream) {
        throw new Error('writeStream argument required.');
    }
    if (!writeStream.writable) {
        throw new Error('writeStream is not writable.');
    }
    if (!obj) {
        throw new Error('obj argument required.');
    }

    let bufferAvailable = true;
    writeStream.on('drain', () => {
        bufferAvailable = true;
    });

    let error;
    writeStream.on('error', (err) => {
        error = err;
    });

    obj.writeAsync = function(chunk, encoding) {
        return new Promise((resolve, reject) => {
            function write() {
                if (error) {
                    reject(error);
                    return;
                }

                if (bufferAvailable) {
                    bufferAvailable = writeStream.write(chunk, encoding);
                    resolve();
                    return;
                }

                writeStream.once('drain', write);
            }

            write();
        });
    };

    obj.endAsync = function(chunk, encoding) {
        return new Promise((resolve, reject) => {
            if (error) {
                reject(error);
                return;
            }

            writeStream.end(chunk, encoding, () => {
                resolve();
            })
        });
    };

    return obj;
}

module.exports = { addWriterFunctions };
