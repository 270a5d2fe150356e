// A preload (`node --import ./net-recorder.mjs`, or in NODE_OPTIONS so that child processes and
// worker threads load it too) that records every outgoing connection attempt of the process:
// net sockets (which http, https, tls and fetch all go through), tls.connect, UDP sends and
// connects, and DNS lookups. Each attempt is appended, synchronously (it survives a crash), as
// one JSON line {kind, host, port, path, family, pid, at} to the file named by
// $SIGHTLINE_NET_LOG. It records and lets the call go on: it observes, it does not block.
// Plain JavaScript, so it loads before any TypeScript loader.
import { appendFileSync } from 'node:fs';
import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import { syncBuiltinESMExports } from 'node:module';

const file = process.env.SIGHTLINE_NET_LOG;

function record(entry) {
  if (!file) return;
  // The first frame outside node: internals and this file: who asked for the connection.
  const at =
    (new Error().stack ?? '')
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .find((l) => !l.includes('node:') && !l.includes('net-recorder')) ?? '';
  try {
    appendFileSync(file, `${JSON.stringify({ ...entry, pid: process.pid, at })}\n`);
  } catch {
    // never break the process being observed
  }
}

/** net.Socket#connect(options | path | port[, host], cb): the arguments normalised. */
function target(args) {
  let [a, b] = args;
  if (Array.isArray(a)) [a] = a; // internal: normalized [options, cb]
  if (a !== null && typeof a === 'object')
    return a.path !== undefined
      ? { path: String(a.path) }
      : { host: a.host ?? 'localhost', port: a.port, family: a.family };
  if (typeof a === 'string' && !/^\d+$/.test(a)) return { path: a };
  return { host: typeof b === 'string' ? b : 'localhost', port: Number(a) };
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  record({ kind: 'net', ...target(args) });
  return connect.apply(this, args);
};

const tlsConnect = tls.connect;
tls.connect = function (...args) {
  const [a, b] = args;
  const t =
    a !== null && typeof a === 'object'
      ? { host: a.host ?? a.servername ?? 'localhost', port: a.port }
      : { host: typeof b === 'string' ? b : 'localhost', port: Number(a) };
  record({ kind: 'tls', ...t });
  return tlsConnect.apply(this, args);
};

const send = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function (...args) {
  // send(msg[, offset, length], port[, address][, cb]): port is the first number after the
  // message (and its offset and length when given).
  const rest = args.slice(1).filter((x) => typeof x !== 'function');
  const port = rest.length >= 3 && typeof rest[2] === 'number' ? rest[2] : rest[0];
  const address = rest.length >= 3 && typeof rest[2] === 'number' ? rest[3] : rest[1];
  record({ kind: 'udp', host: typeof address === 'string' ? address : 'localhost', port });
  return send.apply(this, args);
};
const udpConnect = dgram.Socket.prototype.connect;
dgram.Socket.prototype.connect = function (port, address, ...rest) {
  record({ kind: 'udp', host: typeof address === 'string' ? address : 'localhost', port });
  return udpConnect.call(this, port, address, ...rest);
};

for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  for (const api of [dns, dns.promises]) {
    const original = api[name];
    if (typeof original !== 'function') continue;
    api[name] = function (host, ...rest) {
      record({ kind: 'dns', host: String(host) });
      return original.call(this, host, ...rest);
    };
  }
}

// `import { lookup } from 'node:dns'` and the like read the ES module exports: update them too.
syncBuiltinESMExports();
