import { LanguageClient } from './lsp-client.js';
const client = await LanguageClient.start();
client.child.stderr!.on('data', (d) => process.stderr.write('SERVER: ' + d));
console.log('started');
client.open('file:///project/a.js', "require('fs').createReadStream('a').resume();\n");
console.log(JSON.stringify(await client.diagnostics('file:///project/a.js')));
console.log(client.logs);
console.log(await client.shutdown());
