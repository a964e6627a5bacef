// Reduced from prawnsalad/KiwiIRC server/irc/connection.js before a8d8af60 (AGPL-3.0).
var net             = require('net'),
    util            = require('util'),
    EE              = require('../ee.js'),
    iconv           = require('iconv-lite');

var IrcConnection = function (hostname, port, encoding) {
    EE.call(this);
    this.encoding = encoding;
    this.hold_last = false;
    this.held_data = '';
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
    var i;

    //DECODE server encoding 
    data = iconv.decode(data, this.encoding);

    if (this.hold_last && this.held_data !== '') {
        data = this.held_data + data;
        this.hold_last = false;
        this.held_data = '';
    }

    // If the last line is incomplete, hold it until we have more data
    if (data.substr(-1) !== '\n') {
        this.hold_last = true;
    }

    // Process our data line by line
    data = data.split("\n");
    for (i = 0; i < data.length; i++) {
        if (!data[i]) break;

        // If flagged to hold the last line, store it and move on
        if (this.hold_last && (i === data.length - 1)) {
            this.held_data = data[i];
            break;
        }
        this.emit('line', data[i].replace(/^\r+|\r+$/, ''));
    }
};

module.exports = IrcConnection;
