// Reduced from hashtagchris/node-awaitify-stream lib/awaitify-stream.js at 45b5c04 (MIT).
'use strict';

function addWriterFunctions(writeStream, obj) {
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
                // unregister the listener that wasn't called to avoid leaks.
                writeStream.removeListener('drain', write);
                writeStream.removeListener('error', write);

                if (error) {
                    reject(error);
                    return;
                }

                if (bufferAvailable) {
                    bufferAvailable = writeStream.write(chunk, encoding);
                    if (error) {
                        reject(error);
                    } else {
                        resolve();
                    }
                    return;
                }

                writeStream.once('drain', write);
                writeStream.once('error', write);
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

            function ended()
            {
                // unregister the listener that wasn't called to avoid leaks.
                writeStream.removeListener('error', ended);

                if (error) {
                    reject(error);
                    return;
                }

                resolve();               
            }

            writeStream.on('error', ended);
            writeStream.end(chunk, encoding, ended);
        });
    };

    return obj;
}

module.exports = { addWriterFunctions };
