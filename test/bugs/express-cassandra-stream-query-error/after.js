// Reduced from masumsoft/express-cassandra src/helpers/driver.js at 94bc11b (LGPL-3.0).
const debug = require('debug')('express-cassandra');

const Driver = function f(properties) {
  this._properties = properties;
};

Driver.prototype = {
  ensure_init(callback) {
    if (!this._properties.cql) {
      this._properties.init(callback);
    } else {
      callback();
    }
  },

  execute_stream(query, params, options, onReadable, callback) {
    this.ensure_init((err) => {
      if (err) {
        callback(err);
        return;
      }
      debug('executing stream query: %s with params: %j', query, params);
      this._properties.cql.stream(query, params, options).on('readable', onReadable).on('end', callback).on('error', callback);
    });
  },
};

module.exports = Driver;
