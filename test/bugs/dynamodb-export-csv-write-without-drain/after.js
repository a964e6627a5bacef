// Reduced from chriskinsman/DynamoDbExportCsv lib/DynamoDbExportCsv.js at 1e2ccce (MIT).
'use strict';

var async = require('async');
var AWS = require('aws-sdk');
var csv = require('fast-csv');
var fs = require('fs');
var zlib = require('zlib');
var _ = require('underscore');

function DynamoDBExportCSV(awsAccessKeyId, awsSecretAccessKey, awsRegion) {
    var dynamodb = new AWS.DynamoDB({maxRetries: 20});
    var rowCount = 0;

    // Writes out an item without regard for headers
    function writeItemWithoutHeaders(stream, item) {
        var row = {};
        _.each(item, function(value, key) {
            row[key] = value.S || value.N;
        });

        return stream.write(row);
    }

    function writeTableToCsv(table, compressed, fileName, done) {
        var query = { TableName: table };
        var csvStream = csv.createWriteStream({headers:true, maxBufferSize: 10000});
        var writableStream = fs.createWriteStream(table + '/' + fileName);

        // If we are compressing pipe it through gzip
        if(compressed)
        {
            csvStream.pipe(zlib.createGzip()).pipe(writableStream);
        }
        else
        {
            csvStream.pipe(writableStream);
        }

        var noDrainRequired = false;
        dynamodb.scan(query, function(err, data) {
            if(data) {
                // Grab the key to start the next scan on
                query.ExclusiveStartKey = data.LastEvaluatedKey;

                async.eachSeries(data.Items, function (item, done) {
                    noDrainRequired = writeItemWithoutHeaders(csvStream, item);
                    rowCount++;

                    // Check if we need to drain to avoid bloating memory
                    if(!noDrainRequired) {
                        csvStream.once('drain', function() {
                            return setImmediate(function() { done(null); });
                        });
                    }
                    else {
                        return setImmediate(function() { done(null); });
                    }
                }, function () {
                    return setImmediate(function() { done(err); });
                });
            }
            else {
                return setImmediate(function() { done(err); });
            }
        });
    }
}

module.exports = DynamoDBExportCSV;
