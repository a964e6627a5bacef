// Reduced from mapbox/tilelive lib/tilelive.js at 82249a5 (BSD-3-Clause).
var tilelive = exports;
var stream = require('stream');
var progress = require('progress-stream');

tilelive.copy = function(src, dst, options, callback) {
    var prog = progress({
        objectMode: true,
        time: 100
    });

    copy(src, dst, options, callback);

    function copy(src, dst, opts, callback) {
        // sinkStream represents a copy to a non-tilelive stream
        var sinkStream = !dst && opts.outStream;

        var get = tilelive.createReadStream(src, opts);
        var put = sinkStream ?
            options.outStream : tilelive.createWriteStream(dst, {retry:opts.retry});

        var sentCallback = false;
        function done(err) {
            if (!sentCallback) callback(err);
            sentCallback = true;
        }

        get.on('error', done);
        put.on('error', done);
        get.on('length', prog.setLength);

        var doneEvent = sinkStream ? 'finish' : 'stop';
        put.on(doneEvent, done);

        var pipeline = opts.type === 'list' ? opts.listStream.pipe(get) : get;
        if (options.transform) {
            pipeline = pipeline.pipe(options.transform);
            pipeline.on('error', done);
        }
        if (sinkStream) pipeline = pipeline.pipe(tilelive.serialize());
        pipeline.pipe(prog).pipe(put);
    }
};
