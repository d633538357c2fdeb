/**
 * The limit for `/metrics`: a bare `node:http` server answering every request with the same
 * bytes the exporter served (prebuilt Buffer, Content-Type and Content-Length), keep-alive as
 * Node's default. Usage: `node bare-server.js <body-file> <content-type>`; prints `listening <port>`.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const [file, contentType] = process.argv.slice(2) as [string, string];
const body = fs.readFileSync(file);
const headers = { 'content-type': contentType, 'content-length': String(body.length) };
const server = http.createServer((_req, res) => {
  res.writeHead(200, headers).end(body);
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
