// Reduced from cujojs/rest client/node.js before 697a02e (MIT, Copyright (c) 2012 VMware, Inc.).
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
				response.raw = {
					request: clientRequest,
					response: clientResponse
				};
				response.status = {
					code: clientResponse.statusCode
				};

				clientResponse.on('data', function (data) {
					if (!('entity' in response)) {
						response.entity = '';
					}
					// normalize Buffer to a string
					response.entity += data.toString();
				});
				clientResponse.on('end', function () {
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
