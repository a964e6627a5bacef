// Reduced from prawnsalad/KiwiIRC server/irc/connection.js at a8d8af60 (AGPL-3.0).
var net             = require('net'),
    util            = require('util'),
    EE              = require('../ee.js'),
    iconv           = require('iconv-lite');

var IrcConnection = function (hostname, port, encoding) {
    EE.call(this);
    this.encoding = encoding;
    this.hold_last = false;
    this.held_data = null;
};
util.inherits(IrcConnection, EE);

IrcConnection.prototype.connect = function () {
    var that = this;
    that.socket = net.connect({ host: this.hostname, port: this.port });

    that.socket.on('error', function socketErrorCb(event) {
        that.emit('error', event);
    });

    that.socket.on('data', function () {
        parse.apply(that, arguments);
    });
};

var parse = function (data) {
    var i,
        buf_start = 0,
        bufs = [],
        line = '';

    // Split data chunk into individual lines
    for (i = 0; i < data.length; i++) {
        if (data[i] === 0x0A) { // Check if byte is a line feed
            bufs.push(data.slice(buf_start, i));
            buf_start = i + 1;
        }
    }

    // If we have an incomplete line held from the previous chunk of data
    // merge it with the first line from this chunk of data
    if (this.hold_last && this.held_data !== null) {
        bufs[0] = Buffer.concat([this.held_data, bufs[0]]);
        this.hold_last = false;
        this.held_data = null;
    }

    // If the last line of data in this chunk is not complete, hold it so
    // it can be merged with the first line from the next chunk
    if (buf_start < i) {
        this.hold_last = true;
        this.held_data = new Buffer(data.length - buf_start);
        data.copy(this.held_data, 0, buf_start);
    }

    data = null;

    // Process our data line by line
    for (i = 0; i < bufs.length; i++) {
        // Decode server encoding
        line = iconv.decode(bufs[i], this.encoding);
        bufs[i] = null;
        if (!line) break;
        this.emit('line', line.replace(/^\r+|\r+$/, ''));
    }
};

module.exports = IrcConnection;
