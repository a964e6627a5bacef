// Reduced from cujojs/rest client/node.js at 697a02e (MIT, Copyright (c) 2012 VMware, Inc.).
(function (define) {
	'use strict';

	define(function (require) {

		var parser, http, https, when, httpsExp;

		parser = require('url');
		http = require('http');
		https = require('https');
		when = require('when');

		httpsExp = /^https/i;

		function node(request) {

			var d, options, clientRequest, client, url, entity, response;

			response = {};
			response.request = request;

			d = when.defer();

			url = request.path || '';
			client = url.match(httpsExp) ? https : http;

			options = parser.parse(url);
			entity = request.entity;
			options.method = request.method || (entity ? 'POST' : 'GET');

			clientRequest = client.request(options, function (clientResponse) {
				// Array of Buffers to collect response chunks
				var buffers = [];

				response.raw = {
					request: clientRequest,
					response: clientResponse
				};
				response.status = {
					code: clientResponse.statusCode
				};

				clientResponse.on('data', function (data) {
					// Collect the next Buffer chunk
					buffers.push(data);
				});

				clientResponse.on('end', function () {
					// Create the final response entity
					response.entity = buffers.length > 0 ? Buffer.concat(buffers) : '';
					buffers = null;

					d.resolve(response);
				});
			});

			clientRequest.on('error', function (e) {
				response.error = e;
				d.reject(response);
			});

			if (entity) {
				clientRequest.write(entity);
			}
			clientRequest.end();

			return d.promise;
		}

		return node;

	});

}(
	typeof define === 'function' && define.amd ? define : function (factory) { module.exports = factory(require); }
));
